using System.Collections;
using System.Reflection;
using CsCheck;

namespace SuperConvergence.Silo.Tests.Wire;

/// <summary>
/// Values of any wire or state type with every serialized field set to something other than its default (non-empty
/// strings and collections, nullables with a value, true, non-zero numbers and enum members), so that a field the wire
/// drops comes back different.
/// </summary>
internal static class WireValues
{
    private static readonly Dictionary<Type, Gen<object>> Known = new()
    {
        [typeof(string)] = Gen.String[Gen.Char.AlphaNumeric, 1, 8].Select(s => (object)s),
        [typeof(int)] = Gen.Int[1, 100_000].Select(i => (object)i),
        [typeof(long)] = Gen.Long[1, long.MaxValue].Select(l => (object)l),
        [typeof(double)] = Gen.Double[1e-6, 1e6].Select(d => (object)d),
        [typeof(bool)] = Gen.Const((object)true),
        [typeof(DateTimeOffset)] = Gen.Long[1, DateTimeOffset.MaxValue.UtcTicks].Select(t => (object)new DateTimeOffset(t, TimeSpan.Zero)),
        [typeof(TimeSpan)] = Gen.Long[1, TimeSpan.TicksPerDay * 365].Select(t => (object)TimeSpan.FromTicks(t)),
    };

    public static Gen<object> Of(Type type)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying);
        }

        if (type.IsEnum)
        {
            var members = Enum.GetValues(type).Cast<object>().Where(v => Convert.ToInt64(v, null) != 0).ToArray();
            return Gen.Int[0, members.Length - 1].Select(i => members[i]);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            return Of(element).Array[1, 3].Select(items => (object)ArrayOf(element, items));
        }

        if (type.IsGenericType && Dictionary(type) is { } dictionary)
        {
            return Gen.Select(Of(dictionary.Key).Array[1, 3], Of(dictionary.Value).Array[3], (keys, values) => DictionaryOf(dictionary, keys, values));
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var item] && type.IsAssignableFrom(typeof(List<>).MakeGenericType(item)))
        {
            return Of(item).Array[1, 3].Select(items => ListOf(item, items));
        }

        if (WireTypes.IsOurs(type))
        {
            return WireTypes.ConcreteTypesOf(type) is [var only] ? Composite(only) : Gen.OneOf(WireTypes.ConcreteTypesOf(type).Select(Composite).ToArray());
        }

        throw new NotSupportedException($"no generator for {type}: add one for this kind of field");
    }

    /// <summary>
    /// A record through its widest constructor, every argument generated; then every [Id] property that constructor
    /// left alone (state classes have only setters).
    /// </summary>
    private static Gen<object> Composite(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        var settable = WireTypes.SerializedMembers(type)
            .OfType<PropertyInfo>()
            .Where(p => p.SetMethod is { IsPublic: true } && !parameters.Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var arguments = All(parameters.Select(p => Of(p.ParameterType)));
        var properties = All(settable.Select(p => Of(p.PropertyType)));
        return Gen.Select(arguments, properties, (args, values) =>
        {
            var instance = constructor.Invoke([.. args]);
            for (var i = 0; i < settable.Count; i++)
            {
                settable[i].SetValue(instance, values[i]);
            }

            return instance;
        });
    }

    private static Gen<List<object>> All(IEnumerable<Gen<object>> gens) =>
        gens.Aggregate(Gen.Const(0).Select(_ => new List<object>()), (all, next) => Gen.Select(all, next, (list, value) => new List<object>(list) { value }));

    private static (Type Concrete, Type Key, Type Value)? Dictionary(Type type)
    {
        var arguments = type.GetGenericArguments();
        if (arguments.Length != 2)
        {
            return null;
        }

        var concrete = typeof(Dictionary<,>).MakeGenericType(arguments);
        return type.IsAssignableFrom(concrete) ? (concrete, arguments[0], arguments[1]) : null;
    }

    private static Array ArrayOf(Type element, object[] items)
    {
        var array = Array.CreateInstance(element, items.Length);
        Array.Copy(items, array, items.Length);
        return array;
    }

    private static object ListOf(Type element, object[] items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static object DictionaryOf((Type Concrete, Type Key, Type Value) type, object[] keys, object[] values)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(type.Concrete)!;
        for (var i = 0; i < keys.Length; i++)
        {
            dictionary[keys[i]] = values[i];
        }

        return dictionary;
    }
}
