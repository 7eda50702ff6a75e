// The aliases keep the P/Invoke signatures readable; each is the same class with another free function.
global using ModelHandle = Workbench.Engine.NativeHandle<Workbench.Engine.NativeModel>;
global using TrainerHandle = Workbench.Engine.NativeHandle<Workbench.Engine.NativeTrainer>;
global using PretrainerHandle = Workbench.Engine.NativeHandle<Workbench.Engine.NativePretrainer>;
global using ImagesHandle = Workbench.Engine.NativeHandle<Workbench.Engine.NativeImages>;
global using DistHandle = Workbench.Engine.NativeHandle<Workbench.Engine.NativeDist>;
using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>
/// A kind of native object and the one function that frees it. A static member rather than a constructor argument
/// because the P/Invoke marshaller creates the handle with <c>new()</c> before the object exists.
/// </summary>
internal interface INativeObject
{
    static abstract void Free(IntPtr handle);
}

/// <summary>
/// Owns one native object; freed exactly once, even if the wrapper is never disposed. Lifetimes between objects are
/// the engine's business, not this handle's: a trainer or pretrainer shares ownership of its model's state natively
/// (workbench.h), so the model's handle may be freed first and no managed reference is kept on it.
/// </summary>
internal sealed class NativeHandle<TObject>() : SafeHandle(IntPtr.Zero, ownsHandle: true) where TObject : INativeObject
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Whether the native free ran; lets tests see when a handle really lets go of its object.</summary>
    internal bool Released { get; private set; }

    protected override bool ReleaseHandle()
    {
        TObject.Free(handle);
        Released = true;
        return true;
    }
}

/// <summary>wb_model: a classifier's state, shared with its trainers and pretrainers.</summary>
internal abstract class NativeModel : INativeObject { public static void Free(IntPtr handle) => NativeMethods.wb_model_free(handle); }

/// <summary>wb_trainer: an optimizer plus its augmentation random generator, co-owning its model's state.</summary>
internal abstract class NativeTrainer : INativeObject { public static void Free(IntPtr handle) => NativeMethods.wb_trainer_free(handle); }

/// <summary>wb_pretrainer: a projection head, optimizer and view generator, co-owning its model's state.</summary>
internal abstract class NativePretrainer : INativeObject { public static void Free(IntPtr handle) => NativeMethods.wb_pretrainer_free(handle); }

/// <summary>wb_images: the engine's copy of an image set.</summary>
internal abstract class NativeImages : INativeObject { public static void Free(IntPtr handle) => NativeMethods.wb_images_free(handle); }

/// <summary>wb_dist: a process group (c10d store + Gloo/NCCL group), shared natively with the trainers attached to it.</summary>
internal abstract class NativeDist : INativeObject { public static void Free(IntPtr handle) => NativeMethods.wb_dist_free(handle); }
