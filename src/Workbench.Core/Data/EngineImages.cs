using Workbench.Engine;

namespace Workbench.Data;

/// <summary>Hands a decoded-image store to the engine (one copy into engine memory).</summary>
public static class EngineImages
{
    public static unsafe ImageSet From(ImageStore store) => ImageSet.FromPointer(store.Pointer, store.Count, store.Size);
}
