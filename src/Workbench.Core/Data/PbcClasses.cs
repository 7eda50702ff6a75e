namespace Workbench.Data;

/// <summary>A fine PBC class: file-name prefix, human name, and the folder it lives in.</summary>
/// <param name="Prefix">File-name prefix before the first '_' (e.g. "MMY").</param>
/// <param name="Name">Human name (e.g. "metamyelocyte").</param>
/// <param name="Folder">Coarse class folder holding these files (e.g. "ig").</param>
/// <param name="IsUnspecified">True for the two "unspecified" groups (IG_, NEUTROPHIL_).</param>
public sealed record PbcFineClass(string Prefix, string Name, string Folder, bool IsUnspecified);

/// <summary>Class tables of the PBC normal peripheral blood cell data set (Acevedo et al. 2020).</summary>
public static class PbcClasses
{
    /// <summary>The 8 coarse classes = folder names, in label order.</summary>
    public static IReadOnlyList<string> CoarseFolders { get; } =
        ["basophil", "eosinophil", "erythroblast", "ig", "lymphocyte", "monocyte", "neutrophil", "platelet"];

    /// <summary>
    /// Fine classes from the file-name prefix, in label order: the 11 specified ones, then the two
    /// unspecified ones (used only when kept).
    /// </summary>
    public static IReadOnlyList<PbcFineClass> Fine { get; } =
    [
        new("BA", "basophil", "basophil", false),
        new("EO", "eosinophil", "eosinophil", false),
        new("ERB", "erythroblast", "erythroblast", false),
        new("LY", "lymphocyte", "lymphocyte", false),
        new("MO", "monocyte", "monocyte", false),
        new("PLATELET", "platelet", "platelet", false),
        new("MMY", "metamyelocyte", "ig", false),
        new("MY", "myelocyte", "ig", false),
        new("PMY", "promyelocyte", "ig", false),
        new("BNE", "band neutrophil", "neutrophil", false),
        new("SNE", "segmented neutrophil", "neutrophil", false),
        new("IG", "immature granulocyte (unspecified)", "ig", true),
        new("NEUTROPHIL", "neutrophil (unspecified)", "neutrophil", true),
    ];

    /// <summary>Fine prefix of a file name ("MMY_1234.jpg" -> "MMY"); null when it has no '_'.</summary>
    public static string? PrefixOf(string fileName)
    {
        int underscore = fileName.IndexOf('_');
        return underscore > 0 ? fileName[..underscore] : null;
    }
}
