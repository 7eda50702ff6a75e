using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workbench.Display;

namespace Workbench.Notebooks;

/// <summary>
/// Renders a notebook as one self-contained HTML page: inline CSS, no scripts, fonts or network
/// references; markdown via Markdig, code with its prompt number, outputs as the richest MIME type.
/// </summary>
public static class HtmlExporter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // Richest first, like Jupyter's own choice of which representation to show.
    private static readonly string[] MimePreference = [MimeTypes.Html, MimeTypes.Svg, MimeTypes.Png, "image/jpeg", MimeTypes.Markdown, MimeTypes.PlainText];

    private const string Css = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}
        .run-info{color:#666;font-size:13px;border-bottom:1px solid #ddd;padding-bottom:8px;margin-bottom:16px}
        .cell{margin:14px 0}
        .prompt{color:#888;font-family:monospace;font-size:12px;margin-bottom:2px}
        pre{margin:0;padding:8px 10px;overflow-x:auto;font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:13px}
        .source pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px}
        .output{margin-top:4px;padding-left:10px;border-left:3px solid #e1e4e8;overflow-x:auto}
        .stream pre{background:#fff}
        .stderr pre{background:#fff5f5}
        .error{background:#fde8e8;border:1px solid #D55E00;border-radius:4px;color:#7a1f00}
        .error pre{background:transparent}
        .output img{max-width:100%}
        table{border-collapse:collapse}
        .markdown table th,.markdown table td{border:1px solid #ddd;padding:3px 8px}
        .markdown code{background:#f6f8fa;padding:1px 4px;border-radius:3px}
        .not-run{color:#999;font-style:italic;font-size:12px}
        """;

    /// <summary>The HTML page; <paramref name="fallbackTitle"/> is used when no markdown cell has a heading.</summary>
    public static string ToHtml(Notebook notebook, string? fallbackTitle = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        string title = FirstHeading(notebook) ?? fallbackTitle ?? "Notebook";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n");
        html.Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<div class=\"run-info\">").Append(RunInfo(notebook)).Append("</div>\n");
        foreach (var cell in notebook.Cells) AppendCell(html, cell);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/>, creating the folder if needed.</summary>
    public static void WriteFile(Notebook notebook, string path, string? fallbackTitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToHtml(notebook, fallbackTitle), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void AppendCell(StringBuilder html, NotebookCell cell)
    {
        switch (cell.CellType)
        {
            case NotebookCell.Markdown:
                html.Append("<div class=\"cell markdown\">\n").Append(Markdown.ToHtml(cell.Source, Pipeline)).Append("</div>\n");
                break;
            case NotebookCell.Code:
                string prompt = cell.ExecutionCount is { } n ? n.ToString(CultureInfo.InvariantCulture) : " ";
                html.Append("<div class=\"cell code\">\n<div class=\"prompt\">In [").Append(prompt).Append("]:</div>\n");
                html.Append("<div class=\"source\"><pre><code class=\"language-csharp\">").Append(Encode(cell.Source)).Append("</code></pre></div>\n");
                foreach (var output in cell.Outputs) AppendOutput(html, output);
                if (cell.ExecutionCount is null && cell.Outputs.Count == 0 && cell.Source.Trim().Length > 0)
                {
                    html.Append("<div class=\"not-run\">not executed</div>\n");
                }
                html.Append("</div>\n");
                break;
            default:
                html.Append("<div class=\"cell raw\"><pre>").Append(Encode(cell.Source)).Append("</pre></div>\n");
                break;
        }
    }

    private static void AppendOutput(StringBuilder html, CellOutput output)
    {
        switch (output)
        {
            case StreamOutput stream:
                html.Append("<div class=\"output stream ").Append(stream.Name == StreamOutput.StdErr ? "stderr" : "stdout")
                    .Append("\"><pre>").Append(Encode(stream.Text)).Append("</pre></div>\n");
                break;
            case DisplayDataOutput display:
                AppendBundle(html, display.Data, null);
                break;
            case ExecuteResultOutput result:
                AppendBundle(html, result.Data, result.ExecutionCount);
                break;
            case ErrorOutput error:
                html.Append("<div class=\"output error\"><pre><b>").Append(Encode(error.EName)).Append("</b>: ").Append(Encode(error.EValue)).Append('\n');
                foreach (string line in error.Traceback.Skip(1)) html.Append(Encode(line)).Append('\n');
                html.Append("</pre></div>\n");
                break;
            default:
                html.Append("<div class=\"output\"><pre>unsupported output '").Append(Encode(output.OutputType)).Append("'</pre></div>\n");
                break;
        }
    }

    private static void AppendBundle(StringBuilder html, IReadOnlyDictionary<string, string> data, int? executionCount)
    {
        if (executionCount is { } count) html.Append("<div class=\"prompt\">Out [").Append(count.ToString(CultureInfo.InvariantCulture)).Append("]:</div>\n");
        html.Append("<div class=\"output\">");
        string? mime = MimePreference.FirstOrDefault(data.ContainsKey);
        string value = mime is null ? "" : data[mime];
        switch (mime)
        {
            case MimeTypes.Html:
                html.Append(value);
                break;
            case MimeTypes.Svg:
                html.Append(StripXmlDeclaration(value));
                break;
            case MimeTypes.Png or "image/jpeg":
                html.Append("<img alt=\"output image\" src=\"data:").Append(mime).Append(";base64,").Append(value.Replace("\n", "", StringComparison.Ordinal)).Append("\"/>");
                break;
            case MimeTypes.Markdown:
                html.Append(Markdown.ToHtml(value, Pipeline));
                break;
            case MimeTypes.PlainText:
                html.Append("<pre>").Append(Encode(value)).Append("</pre>");
                break;
            default:
                html.Append("<pre>(no displayable representation: ").Append(Encode(string.Join(", ", data.Keys))).Append(")</pre>");
                break;
        }
        html.Append("</div>\n");
    }

    private static string RunInfo(Notebook notebook)
    {
        if (notebook.Metadata[NotebookRunner.MetadataKey] is not JsonObject run) return "Not executed by the workbench runner.";
        var parts = new List<string>();
        if (run["executed_at"] is JsonValue at) parts.Add("Executed " + Encode(at.ToString()));
        else if (run["executed_on"] is JsonValue on) parts.Add("Executed " + Encode(on.ToString()));
        if (run["commit"] is JsonValue commit) parts.Add("commit <code>" + Encode(commit.ToString()) + "</code>");
        if (run["data_sets"] is JsonArray { Count: > 0 } dataSets)
            parts.Add((dataSets.Count == 1 ? "data set " : "data sets ") + string.Join(", ", dataSets.Select(d => $"<code>{Encode(d?.ToString() ?? "")}</code>")));
        if (run["profile"] is JsonValue profile) parts.Add("profile <code>" + Encode(profile.ToString()) + "</code>");
        if (run["duration_seconds"] is JsonValue seconds && seconds.TryGetValue(out double s))
        {
            parts.Add("in " + s.ToString("0.0", CultureInfo.InvariantCulture) + " s");
        }
        if (run["succeeded"] is JsonValue ok && ok.TryGetValue(out bool succeeded) && !succeeded)
        {
            parts.Add("<b style=\"color:#D55E00\">FAILED</b>" + (run["failed_cell"] is JsonValue cell ? $" at cell {Encode(cell.ToString())}" : ""));
        }
        if (run["parameters"] is JsonObject parameters && parameters.Count > 0)
        {
            parts.Add("parameters: " + string.Join(", ", parameters.Select(p => $"<code>{Encode(p.Key)} = {Encode(p.Value?.ToString() ?? "")}</code>")));
        }
        return string.Join(" · ", parts);
    }

    private static string? FirstHeading(Notebook notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => c.CellType == NotebookCell.Markdown))
        {
            var heading = Markdown.Parse(cell.Source, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
            if (heading?.Inline is null) continue;
            var text = new StringBuilder();
            foreach (var inline in heading.Inline.Descendants<Inline>())
            {
                if (inline is LiteralInline literal) text.Append(literal.Content.ToString());
                else if (inline is CodeInline code) text.Append(code.Content);
            }
            if (text.Length > 0) return text.ToString().Trim();
        }
        return null;
    }

    private static string StripXmlDeclaration(string svg)
    {
        string trimmed = svg.TrimStart();
        if (!trimmed.StartsWith("<?xml", StringComparison.Ordinal)) return svg;
        int end = trimmed.IndexOf("?>", StringComparison.Ordinal);
        return end < 0 ? svg : trimmed[(end + 2)..];
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
