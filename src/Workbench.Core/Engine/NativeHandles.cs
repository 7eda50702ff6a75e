// Engine layer: owns a native model.
using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>Owns a native model; freed exactly once, even if the wrapper is never disposed.</summary>
internal sealed class ModelHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    /// <summary>Whether the native model was freed; lets tests see that a trainer's reference defers it.</summary>
    internal bool Released { get; private set; }

    protected override bool ReleaseHandle()
    {
        NativeMethods.wb_model_free(handle);
        Released = true;
        return true;
    }
}

/// <summary>
/// Owns a native optimizer plus its augmentation random generator, and a reference on its
/// model's handle: the model's SafeHandle is not released (wb_model_free) while a trainer lives,
/// even when the Model is disposed first or both are finalized together.
/// </summary>
internal sealed class TrainerHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    private ModelHandle? _model;

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes over a reference the caller added with DangerousAddRef; released with this handle.</summary>
    internal void HoldModel(ModelHandle model) => _model = model;

    protected override bool ReleaseHandle()
    {
        NativeMethods.wb_trainer_free(handle);
        Interlocked.Exchange(ref _model, null)?.DangerousRelease();
        return true;
    }
}

/// <summary>Owns a native contrastive pretrainer (projection head, optimizer, view generator) and, like a trainer, a reference on its model's handle.</summary>
internal sealed class PretrainerHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    private ModelHandle? _model;

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes over a reference the caller added with DangerousAddRef; released with this handle.</summary>
    internal void HoldModel(ModelHandle model) => _model = model;

    protected override bool ReleaseHandle()
    {
        NativeMethods.wb_pretrainer_free(handle);
        Interlocked.Exchange(ref _model, null)?.DangerousRelease();
        return true;
    }
}

/// <summary>Owns the engine's copy of an image set.</summary>
internal sealed class ImagesHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { NativeMethods.wb_images_free(handle); return true; }
}

/// <summary>Owns a native process group (c10d store + Gloo/NCCL group); trainers attached to it share it natively.</summary>
internal sealed class DistHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { NativeMethods.wb_dist_free(handle); return true; }
}
