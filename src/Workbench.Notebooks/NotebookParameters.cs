using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbench.Notebooks;

/// <summary>
/// Papermill-style parameters: reads the defaults declared in the "parameters" cell and writes the
/// "injected-parameters" cell that overrides them with correctly typed C# literals.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The tag of the cell holding the defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the generated cell holding the overrides.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The types a command-line value can be converted to.</summary>
    public static readonly IReadOnlyList<string> SupportedTypes = ["int", "long", "double", "float", "decimal", "bool", "string"];

    /// <summary>The top-level variable declarations of a parameters cell, in order.</summary>
    public static IReadOnlyList<ParameterDeclaration> ParseDeclarations(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tree = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var declarations = new List<ParameterDeclaration>();
        foreach (var member in root.Members)
        {
            // Scripts parse "int x = 1;" as a field and "var x = 1;" as a local inside a global statement.
            VariableDeclarationSyntax? declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var variable in declaration.Variables)
            {
                string? typeName = TypeKeyword(declaration.Type) ?? InferFromInitializer(variable.Initializer?.Value);
                declarations.Add(new ParameterDeclaration(variable.Identifier.ValueText, typeName,
                    variable.Initializer?.Value.ToString() ?? ""));
            }
        }
        return declarations;
    }

    /// <summary>
    /// The source of the injected cell assigning <paramref name="values"/>; throws ArgumentException
    /// naming the parameter when a name is not declared or a value does not fit its type.
    /// </summary>
    public static string BuildInjectedSource(IReadOnlyList<ParameterDeclaration> declared, IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(values);
        var byName = declared.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var source = new StringBuilder("// Parameters injected by the workbench runner\n");
        foreach (var (name, raw) in values)
        {
            if (!byName.TryGetValue(name, out var declaration))
            {
                string known = byName.Count == 0 ? "(none)" : string.Join(", ", byName.Keys.Order(StringComparer.Ordinal));
                throw new ArgumentException($"unknown parameter '{name}'; the parameters cell declares: {known}", nameof(values));
            }
            source.Append(name).Append(" = ").Append(ToLiteral(declaration, raw)).Append(";\n");
        }
        return source.ToString();
    }

    /// <summary>The C# literal for <paramref name="raw"/> as a value of the declared type.</summary>
    public static string ToLiteral(ParameterDeclaration declaration, string raw)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(raw);
        string type = declaration.TypeName ?? throw new ArgumentException(
            $"cannot infer the type of parameter '{declaration.Name}' from '{declaration.DefaultText}'; declare it with one of: {string.Join(", ", SupportedTypes)}",
            nameof(declaration));
        var inv = CultureInfo.InvariantCulture;
        string? literal = type switch
        {
            "string" => SymbolDisplay.FormatLiteral(raw, quote: true),
            "bool" => bool.TryParse(raw.Trim(), out bool b) ? (b ? "true" : "false") : null,
            "int" => int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out int i) ? i.ToString(inv) : null,
            "long" => long.TryParse(raw.Trim(), NumberStyles.Integer, inv, out long l) ? l.ToString(inv) + "L" : null,
            "double" => double.TryParse(raw.Trim(), NumberStyles.Float, inv, out double d) ? FloatingLiteral(d, "double", "d") : null,
            "float" => float.TryParse(raw.Trim(), NumberStyles.Float, inv, out float f) ? FloatingLiteral(f, "float", "f") : null,
            "decimal" => decimal.TryParse(raw.Trim(), NumberStyles.Float, inv, out decimal m) ? m.ToString(inv) + "m" : null,
            _ => throw new ArgumentException(
                $"parameter '{declaration.Name}' has type {type}, which cannot be set from text; supported: {string.Join(", ", SupportedTypes)}", nameof(declaration)),
        };
        return literal ?? throw new ArgumentException($"parameter '{declaration.Name}' is a {type}; '{raw}' is not a valid {type}", nameof(raw));
    }

    private static string FloatingLiteral(double value, string typeName, string suffix)
    {
        if (double.IsNaN(value)) return typeName + ".NaN";
        if (double.IsPositiveInfinity(value)) return typeName + ".PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return typeName + ".NegativeInfinity";
        string digits = typeName == "float"
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        return digits + suffix;
    }

    private static string? TypeKeyword(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => TypeKeyword(nullable.ElementType),
        PredefinedTypeSyntax predefined => Normalize(predefined.Keyword.ValueText),
        IdentifierNameSyntax { IsVar: true } => null,
        _ => Normalize(type.ToString()),
    };

    private static string? Normalize(string name) => name switch
    {
        "int" or "Int32" or "System.Int32" => "int",
        "long" or "Int64" or "System.Int64" => "long",
        "double" or "Double" or "System.Double" => "double",
        "float" or "Single" or "System.Single" => "float",
        "decimal" or "Decimal" or "System.Decimal" => "decimal",
        "bool" or "Boolean" or "System.Boolean" => "bool",
        "string" or "String" or "System.String" => "string",
        _ => name,
    };

    private static string? InferFromInitializer(ExpressionSyntax? value) => value switch
    {
        PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken or (int)SyntaxKind.PlusToken } unary => InferFromInitializer(unary.Operand),
        ParenthesizedExpressionSyntax parenthesized => InferFromInitializer(parenthesized.Expression),
        LiteralExpressionSyntax literal => literal.Kind() switch
        {
            SyntaxKind.StringLiteralExpression => "string",
            SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => "bool",
            SyntaxKind.NumericLiteralExpression => literal.Token.Value switch
            {
                int => "int",
                long => "long",
                double => "double",
                float => "float",
                decimal => "decimal",
                _ => null,
            },
            _ => null,
        },
        InterpolatedStringExpressionSyntax => "string",
        _ => null,
    };
}
