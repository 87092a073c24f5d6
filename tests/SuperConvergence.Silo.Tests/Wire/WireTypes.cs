using System.Reflection;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Grains.Sweeps;

namespace SuperConvergence.Silo.Tests.Wire;

/// <summary>
/// Every type of ours that crosses a grain interface or sits in grain state, found by reflection so that a new method,
/// state or field brings its types in without a list to update: the parameters and results of every grain interface's
/// methods, the T of every grain's IPersistentState&lt;T&gt;, and everything their serialized members ([Id]) and the
/// surrogates written in their place hold.
/// </summary>
internal static class WireTypes
{
    public static IReadOnlyList<Type> All { get; } = Discover();

    /// <summary>
    /// Every type of ours that grain state holds (what the stores write to disk), found from the T of every grain's
    /// IPersistentState&lt;T&gt; as <see cref="All"/> finds its types.
    /// </summary>
    public static IReadOnlyList<Type> Stored { get; } = Discover(includeGrainInterfaces: false);

    /// <summary>
    /// What Orleans serializes of <paramref name="type"/>: its [Id] properties and fields, and, for a record whose ids
    /// follow its parameters, the properties of its primary constructor.
    /// </summary>
    public static IEnumerable<MemberInfo> SerializedMembers(Type type) =>
        type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m is PropertyInfo or FieldInfo && m.GetCustomAttribute<IdAttribute>() is not null)
            .Concat(PositionalMembers(type));

    /// <summary>
    /// The properties of <paramref name="type"/> whose field ids are their places in its primary constructor (a record
    /// under [GenerateSerializer] whose parameters carry no [Id]): renaming one is free, reordering them is not.
    /// </summary>
    public static IReadOnlyList<PropertyInfo> PositionalMembers(Type type)
    {
        // The attribute's property reads false unless set; Orleans' generator takes "not set" on a record as true.
        var generate = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType == typeof(GenerateSerializerAttribute));
        var included = generate?.NamedArguments
            .Where(a => a.MemberName == nameof(GenerateSerializerAttribute.IncludePrimaryConstructorParameters))
            .Select(a => (bool)a.TypedValue.Value!)
            .DefaultIfEmpty(true)
            .Single();
        if (included != true || type.GetMethod("<Clone>$") is null)
        {
            return [];
        }

        var primary = type.GetConstructors().MaxBy(c => c.GetParameters().Length);
        return primary is null
            ? []
            : [.. primary.GetParameters()
                .Select(p => type.GetProperty(p.Name!))
                .OfType<PropertyInfo>()
                .Where(p => p.GetCustomAttribute<IdAttribute>() is null)];
    }

    public static Type TypeOf(MemberInfo member) => member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;

    /// <summary>The concrete types a value of <paramref name="type"/> may be (itself, or its subtypes when it is abstract).</summary>
    public static IReadOnlyList<Type> ConcreteTypesOf(Type type) =>
        type.IsAbstract ? type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)).ToList() : [type];

    /// <summary>
    /// What Orleans writes in place of <paramref name="type"/>: the TSurrogate of each [RegisterConverter]
    /// IConverter&lt;type, TSurrogate&gt; of its assembly (the type itself then has no [Id] members).
    /// </summary>
    public static IEnumerable<Type> SurrogatesOf(Type type) =>
        type.Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<RegisterConverterAttribute>() is not null)
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConverter<,>) && i.GetGenericArguments()[0] == type)
            .Select(i => i.GetGenericArguments()[1]);

    public static bool IsOurs(Type type) => type.Namespace?.StartsWith("SuperConvergence.", StringComparison.Ordinal) == true;

    private static List<Type> Discover(bool includeGrainInterfaces = true)
    {
        var roots = new List<Type>();
        foreach (var grainInterface in typeof(ISweepGrain).Assembly.GetTypes()
            .Where(t => includeGrainInterfaces && t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)))
        {
            foreach (var method in grainInterface.GetMethods())
            {
                roots.AddRange(method.GetParameters().Select(p => p.ParameterType));
                roots.Add(method.ReturnType);
            }
        }

        foreach (var grain in typeof(SweepGrainState).Assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t)))
        {
            roots.AddRange(grain.GetConstructors()
                .SelectMany(c => c.GetParameters())
                .Select(p => p.ParameterType)
                .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
                .Select(t => t.GetGenericArguments()[0]));
        }

        var found = new List<Type>();
        foreach (var root in roots)
        {
            Visit(root, found);
        }

        return found;
    }

    private static void Visit(Type type, List<Type> found)
    {
        if (type.IsGenericType || type.IsArray)
        {
            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
            {
                Visit(argument, found);
            }

            return;
        }

        if (!IsOurs(type) || found.Contains(type))
        {
            return;
        }

        found.Add(type);
        foreach (var concrete in ConcreteTypesOf(type).Where(t => t != type))
        {
            Visit(concrete, found);
        }

        foreach (var surrogate in SurrogatesOf(type))
        {
            Visit(surrogate, found);
        }

        foreach (var member in SerializedMembers(type))
        {
            Visit(TypeOf(member), found);
        }
    }
}
