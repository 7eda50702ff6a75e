// Spectre.Console reads markup ("[red]...[/]") in strings given to its Markup APIs and in progress-task descriptions, and
// its *Interpolated helpers escape only string holes (a record's ToString such as "fc.weight [1000, 512]" went through
// as markup and the user saw "Could not find color or style '1000,'"). Everything printed here comes from data, files,
// exceptions or reports, so nothing is ever handed to Spectre as markup: styles are applied as Style objects.
using Spectre.Console;

namespace Workbench.Cli;

/// <summary>Writes lines and progress bars whose text is always literal; styles are chosen by the method, never by the text.</summary>
internal static class Terminal
{
    private static readonly Style Grey = new(Color.Grey);
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style Yellow = new(Color.Yellow);
    private static readonly Style Red = new(Color.Red);

    // Errors go to standard error, also on ranks whose standard output is silenced (DistributedOptions).
    private static readonly Lazy<IAnsiConsole> ErrorConsole = new(() => Configure(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    }), Console.IsErrorRedirected));

    /// <summary>Call once at start-up: a log or pipe gets whole lines, not lines wrapped at a guessed 80 columns.</summary>
    public static void Configure() => Configure(AnsiConsole.Console, Console.IsOutputRedirected);

    private static IAnsiConsole Configure(IAnsiConsole console, bool redirected)
    {
        if (!redirected) return console;
        // A log or a pipe: whole lines and no colour codes.
        console.Profile.Width = 100_000;
        console.Profile.Capabilities.Ansi = false;
        console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        return console;
    }

    /// <summary>Drops everything written through here to standard output (ranks other than 0); errors still go to standard error.</summary>
    public static void SilenceStandardOutput() =>
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    /// <summary>A plain line.</summary>
    public static void Line(string text) => AnsiConsole.Console.WriteLine(text, Style.Plain);

    /// <summary>A grey line: cache and data messages, details.</summary>
    public static void Note(string text) => AnsiConsole.Console.WriteLine(text, Grey);

    /// <summary>A bold line: the headline result.</summary>
    public static void Strong(string text) => AnsiConsole.Console.WriteLine(text, Bold);

    /// <summary>"label text" with the label in yellow: something skipped or degraded that the user should know.</summary>
    public static void Warning(string label, string text)
    {
        AnsiConsole.Console.Write(new Text(label, Yellow));
        AnsiConsole.Console.WriteLine(" " + text, Style.Plain);
    }

    /// <summary>"label text" on standard error with the label in red.</summary>
    public static void Error(string label, string text)
    {
        ErrorConsole.Value.Write(new Text(label, Red));
        ErrorConsole.Value.WriteLine(" " + text, Style.Plain);
    }

    /// <summary>
    /// Shows progress bars while <paramref name="body"/> runs; their descriptions are literal text. When standard output is a
    /// log or a pipe, bars become plain lines (added, then at most one update per bar every few seconds, then done).
    /// </summary>
    public static void Progress(Action<ProgressBars> body)
    {
        if (!AnsiConsole.Console.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            body(new ProgressBars(null));
            return;
        }
        AnsiConsole.Progress().Columns(
        [
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(),
        ]).Start(context => body(new ProgressBars(context)));
    }
}

/// <summary>Adds bars to a running progress display (null: a log, where bars are lines).</summary>
internal sealed class ProgressBars(ProgressContext? context)
{
    public ProgressBar Add(string description, double maxValue)
    {
        if (context is not null) return new ProgressBar(context.AddTask(Markup.Escape(description), maxValue: maxValue), description, maxValue);
        Terminal.Note(description);
        return new ProgressBar(null, description, maxValue);
    }
}

/// <summary>One bar; its description is literal text (escaped for Spectre here, and only here).</summary>
internal sealed class ProgressBar(ProgressTask? task, string description, double maxValue)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private readonly System.Diagnostics.Stopwatch _sinceLogged = System.Diagnostics.Stopwatch.StartNew();
    private string _description = description;
    private double _value;
    private double _maxValue = maxValue;
    private bool _completed;

    public string Description
    {
        set
        {
            _description = value;
            if (task is not null) task.Description = Markup.Escape(value);
            else if (_sinceLogged.Elapsed >= LogInterval)
            {
                Terminal.Note(value);
                _sinceLogged.Restart();
            }
        }
    }

    public double Value
    {
        get => task?.Value ?? _value;
        set
        {
            _value = value;
            if (task is not null) task.Value = value;
        }
    }

    public double MaxValue
    {
        get => task?.MaxValue ?? _maxValue;
        set
        {
            _maxValue = value;
            if (task is not null) task.MaxValue = value;
        }
    }

    /// <summary>Fills the bar (in a log: one closing line).</summary>
    public void Complete()
    {
        Value = MaxValue;
        if (task is null && !_completed) Terminal.Note($"{_description}: done");
        _completed = true;
    }
}
