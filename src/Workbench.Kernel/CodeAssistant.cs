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
/// <param name="options">The references, imports and resolvers cells compile with.</param>
/// <param name="globalsType">The host object type cells see (display, input, Cancellation).</param>
/// <param name="useReferencePack">Whether to complete against the SDK's reference assemblies when there are any (false: tests of a runtime-only install).</param>
internal sealed partial class CodeAssistant(ScriptOptions options, Type globalsType, bool useReferencePack = true) : IDisposable
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // "int string.Length", "int System.Math.Max(int val1, int val2)": the type and parameter names an IDE's quick info shows.
    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeType)
        .AddParameterOptions(SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue)
        .AddKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword);

    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);
    private readonly List<(string Source, ProjectId Project)> _submissions = [];
    private readonly IReadOnlyList<MetadataReference> _references = WithDocumentation(options.MetadataReferences, useReferencePack);
    // The warm-up runs beside the first requests; the submission chain is not thread-safe.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Solution? _solution;
    // The cell being typed: one submission project after the executed ones, its text replaced per request.
    private DocumentId? _typing;

    /// <summary>Whether <paramref name="code"/> is a complete submission (Jupyter's is_complete).</summary>
    public static bool IsComplete(string code) =>
        string.IsNullOrWhiteSpace(code) || SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, ParseOptions));

    /// <summary>Names that fit at <paramref name="position"/> (UTF-16 index) and the span [start, end) they replace.</summary>
    public Task<(IReadOnlyList<string> Matches, int Start, int End)> CompleteAsync(IReadOnlyList<string> history, string code, int position,
        CancellationToken cancellationToken) =>
        LockedAsync(() => CompleteUnlockedAsync(history, code, position, cancellationToken), cancellationToken);

    /// <summary>
    /// Completes once on an empty history, so that the first Tab a person presses does not pay for loading Roslyn's
    /// IDE services and reading the references' metadata (seconds on a busy machine).
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => CompleteAsync([], "Math.Ma", "Math.Ma".Length, cancellationToken);

    /// <summary>Signature and documentation summary of the symbol at <paramref name="position"/>, or null where there is none.</summary>
    public Task<string?> InspectAsync(IReadOnlyList<string> history, string code, int position, CancellationToken cancellationToken) =>
        LockedAsync(() => InspectUnlockedAsync(history, code, position, cancellationToken), cancellationToken);

    public void Dispose()
    {
        _workspace.Dispose();
        _gate.Dispose();
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(IReadOnlyList<string> Matches, int Start, int End)> CompleteUnlockedAsync(IReadOnlyList<string> history, string code,
        int position, CancellationToken cancellationToken)
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

    private async Task<string?> InspectUnlockedAsync(IReadOnlyList<string> history, string code, int position, CancellationToken cancellationToken)
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
        string signature = symbol.ToDisplayString(SignatureFormat);
        if (symbol is IMethodSymbol method && Overloads(method) is > 0 and var more) signature += $" (+{more} overload{(more == 1 ? "" : "s")})";
        string? summary = Summary(symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken));
        return summary is null ? signature : $"{signature}\n\n{summary}";
    }

    private Document Prepare(IReadOnlyList<string> history, string code)
    {
        int kept = 0;
        while (kept < _submissions.Count && kept < history.Count && _submissions[kept].Source == history[kept]) kept++;
        if (_solution is null || kept < _submissions.Count)
        {
            // Earlier cells changed (another kernel state): start the chain again.
            _solution = _workspace.CurrentSolution;
            _submissions.Clear();
            _typing = null;
            kept = 0;
        }
        for (int i = kept; i < history.Count; i++)
        {
            if (_typing is { } stale)
            {
                _solution = _solution.RemoveProject(stale.ProjectId);
                _typing = null;
            }
            var (solution, project, _) = AddSubmission(_solution, history[i], _submissions.Count == 0 ? null : _submissions[^1].Project);
            _solution = solution;
            _submissions.Add((history[i], project));
        }
        if (_typing is { } typing)
        {
            // The same project with new text: Roslyn then reuses its compilation's bound references and the
            // earlier cells' compilations instead of building a fresh submission per keystroke.
            _solution = _solution.WithDocumentText(typing, SourceText.From(code));
        }
        else
        {
            var (solution, _, document) = AddSubmission(_solution, code, _submissions.Count == 0 ? null : _submissions[^1].Project);
            _solution = solution;
            _typing = document;
        }
        return _solution.GetDocument(_typing)!;
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

    private static int Overloads(IMethodSymbol method)
    {
        // list.Where is the reduced form of Enumerable.Where: its overloads are the extension's.
        var declared = method.ReducedFrom ?? method;
        return declared.ContainingType?.GetMembers(declared.Name).OfType<IMethodSymbol>().Count(m => m.MethodKind == declared.MethodKind) - 1 ?? 0;
    }

    private static MetadataReference[] WithDocumentation(IEnumerable<MetadataReference> references, bool useReferencePack)
    {
        var files = references.OfType<PortableExecutableReference>().Select(r => r.FilePath).OfType<string>().Where(File.Exists).ToList();
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        if (useReferencePack && ReferencePack(frameworkDirectory) is { } pack)
        {
            // The reference pack's assemblies carry the XML docs inspect shows (the shared framework has none for
            // System.Runtime & co.) and declare the BCL types where user code sees them.
            files = files.Select(f => string.Equals(Path.GetDirectoryName(f), frameworkDirectory, StringComparison.Ordinal)
                && File.Exists(Path.Combine(pack, Path.GetFileName(f))) ? Path.Combine(pack, Path.GetFileName(f)) : f).ToList();
        }
        else
        {
            // Scripting compiles against System.Private.CoreLib implicitly (it is not among the options' references);
            // without it string, Math, int[] … are unknown types and their members complete to nothing.
            files.Add(typeof(object).Assembly.Location);
        }
        return files.Distinct(StringComparer.Ordinal).Select(f =>
        {
            // The XML doc file beside an assembly gives inspect its summaries.
            string xml = Path.ChangeExtension(f, ".xml");
            return (MetadataReference)MetadataReference.CreateFromFile(f, documentation: File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null);
        }).ToArray();
    }

    /// <summary>The SDK's reference assemblies for the running framework (dotnet/packs/Microsoft.NETCore.App.Ref), or null without an SDK.</summary>
    private static string? ReferencePack(string frameworkDirectory)
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ → <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>/
        string? root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(frameworkDirectory)));
        if (root is null) return null;
        var runtime = Environment.Version;
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string target = $"net{runtime.Major}.{runtime.Minor}";
        if (!Directory.Exists(packs)) return null;
        return Directory.GetDirectories(packs)
            .Where(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) && v.Major == runtime.Major && v.Minor == runtime.Minor)
            .OrderByDescending(d => Path.GetFileName(d) == Path.GetFileName(frameworkDirectory))
            .ThenByDescending(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
            .Select(d => Path.Combine(d, "ref", target))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "System.Runtime.dll")));
    }

    private static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        var match = SummaryElement().Match(xml);
        if (!match.Success) return null;
        string text = CrefElement().Replace(match.Groups[1].Value, m => ShortName(m.Groups[1].Value));
        text = TagElement().Replace(text, "");
        text = System.Net.WebUtility.HtmlDecode(string.Join(" ", text.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        return text.Length == 0 ? null : text;
    }

    /// <summary>"M:Workbench.Loop.Experiment.Train(System.Threading.CancellationToken)" → "Train", "T:System.Collections.Generic.List`1" → "List".</summary>
    private static string ShortName(string cref)
    {
        string name = cref.Split('(')[0];
        name = name[(name.LastIndexOfAny(['.', ':']) + 1)..];
        int arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? name : name[..arity];
    }

    [GeneratedRegex("<summary>(.*?)</summary>", RegexOptions.Singleline)]
    private static partial Regex SummaryElement();

    [GeneratedRegex("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword)=\"([^\"]*)\"\\s*/>")]
    private static partial Regex CrefElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagElement();
}
