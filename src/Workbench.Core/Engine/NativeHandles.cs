// Engine layer: owns a native model.
using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>Owns a native model; freed exactly once, even if the wrapper is never disposed.</summary>
internal sealed class ModelHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { NativeMethods.wb_model_free(handle); return true; }
}

/// <summary>Owns a native optimizer plus its augmentation random generator.</summary>
internal sealed class TrainerHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { NativeMethods.wb_trainer_free(handle); return true; }
}

/// <summary>Owns the engine's copy of an image set.</summary>
internal sealed class ImagesHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { NativeMethods.wb_images_free(handle); return true; }
}
