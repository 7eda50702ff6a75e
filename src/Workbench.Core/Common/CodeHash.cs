using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbench.Common;

/// <summary>
/// SHA-256 of the IL of a type's (or a delegate's) methods, with every metadata token replaced by the name of what it
/// refers to. Raw IL would not do: its tokens are row numbers in the assembly's tables, which shift when unrelated code
/// elsewhere in the same assembly is added, so an untouched strategy would look changed after any rebuild. Names are
/// stable across builds of unchanged source (the compiler is deterministic), and notebook cells hash alike whatever
/// their submission number. A type covers its declared methods and constructors, those of its nested types (lambdas,
/// closures) and, transitively, the methods they call in the same outermost type; code it calls elsewhere (helpers
/// of other classes, the framework) is not covered.
/// </summary>
public static partial class CodeHash
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static readonly ConcurrentDictionary<Type, string> TypeHashes = new();

    /// <summary>The hash of <paramref name="type"/>'s code, as 64 lower-case hex digits.</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return TypeHashes.GetOrAdd(type, t => Hash([.. MethodsOf(t)]));
    }

    /// <summary>
    /// The hash of <paramref name="method"/>'s code and that of the methods of its outermost type it calls. The method's
    /// own name is left out: a lambda's compiler-given name changes when the lambda moves, its code does not.
    /// </summary>
    public static string Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Hash([method], anonymousRoot: true);
    }

    private static IEnumerable<MethodBase> MethodsOf(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared))
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));

    private static string Hash(IReadOnlyList<MethodBase> start, bool anonymousRoot = false)
    {
        var seen = new Dictionary<string, MethodBase>(StringComparer.Ordinal);
        var queue = new Queue<MethodBase>(start);
        var lines = new List<string>();
        while (queue.TryDequeue(out var method))
        {
            if (!seen.TryAdd(NameOf(method), method)) continue;
            var (text, callees) = Describe(method);
            lines.Add((anonymousRoot && method == start[0] ? "(function)" : NameOf(method)) + "\n" + text);
            foreach (var callee in callees)
                if (Outermost(callee.DeclaringType) == Outermost(method.DeclaringType) && callee.Module == method.Module) queue.Enqueue(callee);
        }
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n\n", lines))));
    }

    /// <summary>The IL of <paramref name="method"/> as text (opcodes, with operands resolved to names), and what it calls.</summary>
    private static (string Text, List<MethodBase> Callees) Describe(MethodBase method)
    {
        var callees = new List<MethodBase>();
        var body = method.GetMethodBody();
        byte[]? il = body?.GetILAsByteArray();
        if (body is null || il is null) return ("(no body)", callees);
        var text = new StringBuilder();
        text.Append("locals ").AppendJoin(',', body.LocalVariables.Select(l => TypeName(l.LocalType))).Append('\n');
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE && at + 1 < il.Length ? (short)(0xFE00 | il[at + 1]) : il[at];
            if (!OpCodesByValue.TryGetValue(value, out var op)) { text.Append("?").Append(il[at]).Append('\n'); at++; continue; }
            at += op.Size;
            text.Append(op.Name);
            int size = OperandSize(op.OperandType, il, at);
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok
                or OperandType.InlineString or OperandType.InlineSig)
            {
                int token = BitConverter.ToInt32(il, at);
                text.Append(' ').Append(Resolve(method.Module, op.OperandType, token, typeArguments, methodArguments, callees));
            }
            else
                text.Append(' ').Append(Convert.ToHexString(il, at, size));
            text.Append('\n');
            at += size;
        }
        return (text.ToString(), callees);
    }

    private static string Resolve(Module module, OperandType kind, int token, Type[]? typeArguments, Type[]? methodArguments, List<MethodBase> callees)
    {
        try
        {
            if (kind == OperandType.InlineString) return "\"" + module.ResolveString(token) + "\"";
            if (kind == OperandType.InlineSig) return "sig " + Convert.ToHexString(module.ResolveSignature(token));
            var member = module.ResolveMember(token, typeArguments, methodArguments);
            if (member is MethodBase called) callees.Add(called);
            return member switch
            {
                Type type => TypeName(type),
                MethodBase m => NameOf(m),
                FieldInfo f => TypeName(f.DeclaringType) + "::" + f.Name + " " + TypeName(f.FieldType),
                null => "null",
                _ => member.ToString() ?? "",
            };
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or NotSupportedException or TypeLoadException)
        {
            // A token this module cannot resolve (e.g. a type that failed to load) still hashes, by value.
            return "token " + token.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static string NameOf(MethodBase method) => TypeName(method.DeclaringType) + "::" + Normalise(method.ToString() ?? method.Name);

    private static string TypeName(Type? type) => type is null ? "" : Normalise(type.ToString());

    private static Type? Outermost(Type? type)
    {
        while (type?.DeclaringType is { } outer) type = outer;
        return type;
    }

    // A notebook cell compiles to a class "Submission#N": N is the cell's position in the session, not its code.
    private static string Normalise(string name) => SubmissionNumber().Replace(name, "Submission#");

    [GeneratedRegex(@"Submission#\d+")]
    private static partial Regex SubmissionNumber();
}
