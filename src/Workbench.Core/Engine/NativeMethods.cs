using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>P/Invoke declarations for include/workbench.h; keep in the header's order.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "workbench_native";

    [LibraryImport(Library)] internal static partial IntPtr wb_last_error();
    [LibraryImport(Library)] internal static partial IntPtr wb_version();
    [LibraryImport(Library)] internal static partial int wb_set_num_threads(int n);
    [LibraryImport(Library)] internal static partial int wb_get_num_threads();
    [LibraryImport(Library)] internal static partial int wb_cuda_is_available();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int wb_decode_image(string path, int size, byte* output, out int width, out int height);

    [LibraryImport(Library)] internal static unsafe partial ImagesHandle wb_images_create(byte* data, long count, int size);
    [LibraryImport(Library)] internal static partial void wb_images_free(IntPtr images);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ModelHandle wb_model_create(string arch, int numClasses, long seed, string device);
    [LibraryImport(Library)] internal static partial void wb_model_free(IntPtr model);
    [LibraryImport(Library)] internal static partial int wb_model_num_classes(ModelHandle model);
    [LibraryImport(Library)] internal static partial int wb_model_embedding_dim(ModelHandle model);
    [LibraryImport(Library)] internal static partial double wb_model_head_dropout(ModelHandle model);
    [LibraryImport(Library)] internal static partial long wb_model_parameter_count(ModelHandle model);
    [LibraryImport(Library)] internal static partial int wb_model_copy_from(ModelHandle destination, ModelHandle source);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int wb_model_save(ModelHandle model, string path);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int wb_model_load(ModelHandle model, string path, int strict, byte* report, long reportLength,
        out long needed);
    [LibraryImport(Library)] internal static partial int wb_model_set_folded_inference(ModelHandle model, int enabled);
    [LibraryImport(Library)] internal static partial int wb_model_set_precision(ModelHandle model, int precision);
    [LibraryImport(Library)] internal static partial int wb_model_precision(ModelHandle model);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_model_state_names(ModelHandle model, byte* output, long outputLength, out long needed);
    [LibraryImport(Library)] internal static partial double wb_model_checksum(ModelHandle model);

    [LibraryImport(Library)]
    internal static partial TrainerHandle wb_trainer_create(ModelHandle model, double lr, double momentum, double weightDecay, long seed);
    [LibraryImport(Library)] internal static partial void wb_trainer_free(IntPtr trainer);
    [LibraryImport(Library)] internal static partial int wb_trainer_set_lr(TrainerHandle trainer, double lr);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_trainer_step(TrainerHandle trainer, ImagesHandle images, long* indices, long* labels,
        int n, float* classWeights, int augmentation, out float loss, out int correct);

    [LibraryImport(Library)]
    internal static unsafe partial int wb_trainer_consistency_step(TrainerHandle trainer, ImagesHandle images, long* indices, long* labels,
        int n, long* unlabelled, int m, float* classWeights, in ConsistencyOptionsNative options, out float loss, out float unlabelledLoss,
        out int correct, long* pseudoLabels, float* confidences);

    [LibraryImport(Library)]
    internal static unsafe partial int wb_predict(ModelHandle model, ImagesHandle images, long* indices, long n, int batchSize,
        float* probabilities, float* embeddings);

    [LibraryImport(Library)]
    internal static unsafe partial int wb_predict_mc_dropout(ModelHandle model, ImagesHandle images, long* indices, long n,
        int batchSize, int samples, long seed, float* probabilities);

    [LibraryImport(Library)]
    internal static partial PretrainerHandle wb_pretrainer_create(ModelHandle model, in PretrainOptionsNative options);
    [LibraryImport(Library)] internal static partial void wb_pretrainer_free(IntPtr pretrainer);
    [LibraryImport(Library)] internal static partial int wb_pretrainer_set_lr(PretrainerHandle pretrainer, double lr);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_pretrainer_step(PretrainerHandle pretrainer, ImagesHandle images, long* indices, int n,
        out float loss, out float pairAccuracy);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_nt_xent(float* z1, float* z2, long n, int dim, double temperature, out float loss);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DistHandle wb_dist_create(string backend, string masterAddr, int masterPort, int worldSize, int rank,
        long timeoutMs);
    [LibraryImport(Library)] internal static partial void wb_dist_free(IntPtr dist);
    [LibraryImport(Library)] internal static partial int wb_dist_rank(DistHandle dist);
    [LibraryImport(Library)] internal static partial int wb_dist_world_size(DistHandle dist);
    [LibraryImport(Library)] internal static partial int wb_dist_barrier(DistHandle dist);
    [LibraryImport(Library)] internal static partial int wb_dist_broadcast_model(DistHandle dist, ModelHandle model, int root, int buffersOnly);
    [LibraryImport(Library)] internal static partial int wb_trainer_set_dist(TrainerHandle trainer, DistHandle dist);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_dist_gather_floats(DistHandle dist, float* local, long rows, int cols, float* output,
        long outputRows, int root);
    [LibraryImport(Library)]
    internal static unsafe partial int wb_dist_broadcast_int64(DistHandle dist, long* values, long count, int root);

    /// <summary>Throws the native side's last error when a call reported failure.</summary>
    internal static void Check(int status, string operation)
    {
        if (status != 0) throw new EngineException($"{operation} failed: {LastError()}");
    }

    internal static string LastError() => Marshal.PtrToStringUTF8(wb_last_error()) ?? "unknown native error";

    /// <summary>A native call following workbench.h's text out-parameter convention.</summary>
    internal unsafe delegate int TextCall(byte* output, long length, out long needed);

    /// <summary>
    /// Runs a text-returning call, and again with a buffer of the size it asked for when the
    /// first buffer was too small, so that no text is ever cut off.
    /// </summary>
    internal static unsafe string ReadText(TextCall call, string operation, int initialLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialLength, 1);
        var buffer = new byte[initialLength];
        // Twice is enough for a text that does not change between calls; a third try covers a
        // text that grew in between (another load of a file being rewritten) before giving up.
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long needed;
            fixed (byte* output = buffer)
                Check(call(output, buffer.Length, out needed), operation);
            if (needed <= buffer.Length) return System.Text.Encoding.UTF8.GetString(buffer, 0, (int)needed - 1);
            if (needed > Array.MaxLength) throw new EngineException($"{operation}: the engine's text is {needed} bytes, too long");
            buffer = new byte[needed];
        }
        throw new EngineException($"{operation}: the engine's text kept growing between calls");
    }
}

/// <summary>workbench.h's wb_pretrain_options, field for field (same order, so the same padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PretrainOptionsNative
{
    public double Temperature;
    public double LearningRate;
    public double Momentum;
    public double WeightDecay;
    public double CropMinScale;
    public double Jitter;
    public long Seed;
    public int ProjectionDim;
    public int AugmentationFlags;
}

/// <summary>workbench.h's wb_consistency_options, field for field (same order, so the same padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ConsistencyOptionsNative
{
    public double Threshold;
    public double Weight;
    public double CropMinScale;
    public double Jitter;
    public double Grey;
    public double Cutout;
    public int AugmentationFlags;
    public int StrongFlags;
}
