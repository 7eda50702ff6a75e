namespace Workbench.Engine;

/// <summary>On-the-fly augmentations applied by the engine to each training batch.</summary>
[Flags]
public enum Augmentation
{
    None = 0,
    /// <summary>Random rotation by 0-360 degrees.</summary>
    Rotate = 1,
    HorizontalFlip = 2,
    VerticalFlip = 4,
    /// <summary>Random shift of up to 12.5% of the side in each direction.</summary>
    Shift = 8,
    /// <summary>Random rotation by 0, 90, 180 or 270 degrees: exact on the pixel grid (no blur, no corners to fill).</summary>
    Rotate90 = 16,
    /// <summary>The bone-marrow paper's set: rotation, both flips and shifts.</summary>
    All = Rotate | HorizontalFlip | VerticalFlip | Shift,
    /// <summary>Every flag the engine knows (for validation).</summary>
    Known = All | Rotate90,
}
