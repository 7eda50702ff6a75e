// Kernel: completion, inspection and is_complete for cells, with Roslyn's IDE services over the script's current state.
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace Workbench.Kernel;

/// <summary>
/// Answers complete and inspect requests the way an IDE would: each executed cell is a Roslyn submission
/// project referencing the one before (as .NET Interactive and the VS interactive window do), so the code
/// being typed sees earlier variables, usings and <c>#r</c> references. Submission projects are kept
/// between requests, so only new cells are compiled again.
/// </summary>
internal sealed partial class CodeAssistant(ScriptOptions options, Type globalsType) : IDisposable
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);
    private readonly List<(string Source, ProjectId Project)> _submissions = [];
    private readonly IReadOnlyList<MetadataReference> _references = WithDocumentation(options.MetadataReferences);
    private Solution? _solution;

    /// <summary>Whether <paramref name="code"/> is a complete submission (Jupyter's is_complete).</summary>
    public static bool IsComplete(string code) =>
        string.IsNullOrWhiteSpace(code) || SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, ParseOptions));

    /// <summary>Names that fit at <paramref name="position"/> (UTF-16 index) and the span [start, end) they replace.</summary>
    public async Task<(IReadOnlyList<string> Matches, int Start, int End)> CompleteAsync(IReadOnlyList<string> history, string code, int position,
        CancellationToken cancellationToken)
    {
        var document = Prepare(history, code);
        var service = CompletionService.GetService(document) ?? throw new InvalidOperationException("no C# completion service (Roslyn Features assemblies missing)");
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (list.ItemsList.Count == 0) return ([], position, position);
        var span = list.Span;
        string typed = code[span.Start..Math.Max(span.Start, position)];
        var matches = list.ItemsList
            .Where(i => i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => !i.FilterText.StartsWith(typed, StringComparison.Ordinal))
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .Select(i => i.DisplayText)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return (matches, span.Start, span.End);
    }

    /// <summary>Signature and documentation summary of the symbol at <paramref name="position"/>, or null where there is none.</summary>
    public async Task<string?> InspectAsync(IReadOnlyList<string> history, string code, int position, CancellationToken cancellationToken)
    {
        var document = Prepare(history, code);
        ISymbol? symbol = null;
        // The cursor usually sits just after the name (foo|) rather than inside it.
        foreach (int at in new[] { position, position - 1 }.Where(p => p >= 0 && p <= code.Length).Distinct())
        {
            symbol = await SymbolFinder.FindSymbolAtPositionAsync(document, at, cancellationToken).ConfigureAwait(false);
            if (symbol is not null) break;
        }
        if (symbol is null) return null;
        string signature = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        string? summary = Summary(symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken));
        return summary is null ? signature : $"{signature}\n\n{summary}";
    }

    public void Dispose() => _workspace.Dispose();

    private Document Prepare(IReadOnlyList<string> history, string code)
    {
        int kept = 0;
        while (kept < _submissions.Count && kept < history.Count && _submissions[kept].Source == history[kept]) kept++;
        if (_solution is null || kept < _submissions.Count)
        {
            // Earlier cells changed (another kernel state): start the chain again.
            _solution = _workspace.CurrentSolution;
            _submissions.Clear();
            kept = 0;
        }
        for (int i = kept; i < history.Count; i++)
        {
            var (solution, project, _) = AddSubmission(_solution, history[i], _submissions.Count == 0 ? null : _submissions[^1].Project);
            _solution = solution;
            _submissions.Add((history[i], project));
        }
        var (withCode, _, document) = AddSubmission(_solution, code, _submissions.Count == 0 ? null : _submissions[^1].Project);
        return withCode.GetDocument(document)!;
    }

    private (Solution Solution, ProjectId Project, DocumentId Document) AddSubmission(Solution solution, string source, ProjectId? previous)
    {
        var projectId = ProjectId.CreateNewId();
        string name = $"cell{solution.ProjectIds.Count + 1}";
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: options.Imports, allowUnsafe: true,
            metadataReferenceResolver: options.MetadataResolver, sourceReferenceResolver: options.SourceResolver);
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), name, name, LanguageNames.CSharp, isSubmission: true,
            compilationOptions: compilationOptions, parseOptions: ParseOptions, metadataReferences: _references,
            projectReferences: previous is null ? null : [new ProjectReference(previous)], hostObjectType: globalsType);
        var documentId = DocumentId.CreateNewId(projectId);
        var document = DocumentInfo.Create(documentId, name + ".csx", sourceCodeKind: SourceCodeKind.Script,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Create())));
        return (solution.AddProject(project).AddDocument(document), projectId, documentId);
    }

    private static MetadataReference[] WithDocumentation(IEnumerable<MetadataReference> references) =>
        references.OfType<PortableExecutableReference>()
            .Where(r => File.Exists(r.FilePath))
            .Select(r =>
            {
                // The XML doc file beside an assembly gives inspect its summaries.
                string xml = Path.ChangeExtension(r.FilePath!, ".xml");
                return (MetadataReference)MetadataReference.CreateFromFile(r.FilePath!,
                    documentation: File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null);
            })
            .ToArray();

    private static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        var match = SummaryElement().Match(xml);
        if (!match.Success) return null;
        string text = CrefElement().Replace(match.Groups[1].Value, m => m.Groups[1].Value.Split('.', ':').Last());
        text = TagElement().Replace(text, "");
        text = System.Net.WebUtility.HtmlDecode(string.Join(" ", text.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex("<summary>(.*?)</summary>", RegexOptions.Singleline)]
    private static partial Regex SummaryElement();

    [GeneratedRegex("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword)=\"([^\"]*)\"\\s*/>")]
    private static partial Regex CrefElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagElement();
}
