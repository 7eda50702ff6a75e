using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>
/// Finds libworkbench_native.so: WORKBENCH_NATIVE_LIB if set, else next to the application or to this assembly (the
/// build copies it there), else the CMake build folder of a source checkout above either.
/// </summary>
internal static class NativeLibraryLoader
{
    // A library may use a module initializer here: the resolver must be in place before the
    // first P/Invoke, whichever public type the caller touches first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        foreach (var candidate in Candidates())
            if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
        throw new DllNotFoundException(
            "libworkbench_native.so not found; build it with ./setup.sh (or cmake in src/Workbench.Native) " +
            $"or point WORKBENCH_NATIVE_LIB at it. Looked in: {string.Join(", ", Candidates())}");
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("WORKBENCH_NATIVE_LIB");
        if (!string.IsNullOrEmpty(fromEnvironment)) yield return fromEnvironment;
        // A host that loads this assembly from elsewhere (.NET Interactive's `#r`) has its own base directory: the
        // assembly's folder is then the one the build filled.
        foreach (string start in StartFolders())
        {
            yield return Path.Combine(start, "libworkbench_native.so");
            for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
                yield return Path.Combine(directory.FullName, "src", "Workbench.Native", "build", "libworkbench_native.so");
        }
    }

    private static IEnumerable<string> StartFolders()
    {
        yield return AppContext.BaseDirectory;
        string? own = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location);
        if (!string.IsNullOrEmpty(own) && Path.GetFullPath(own).TrimEnd('/') != Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/')) yield return own;
    }
}
