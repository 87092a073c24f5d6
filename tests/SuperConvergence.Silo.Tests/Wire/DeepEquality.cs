using System.Collections;
using System.Reflection;

namespace SuperConvergence.Silo.Tests.Wire;

/// <summary>
/// Structural equality down to the leaves, collections element by element (records compare collections by reference):
/// the path of the first difference, or null when there is none.
/// </summary>
internal static class DeepEquality
{
    public static string? FirstDifference(object? expected, object? actual, string path = "value")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} against {Show(actual)}";
        }

        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: a {expected.GetType().Name} came back as a {actual.GetType().Name}";
        }

        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTimeOffset or DateTime or TimeSpan)
        {
            return expected.Equals(actual) ? null : $"{path}: {Show(expected)} against {Show(actual)}";
        }

        if (expected is IDictionary expectedEntries)
        {
            var actualEntries = (IDictionary)actual;
            if (expectedEntries.Count != actualEntries.Count)
            {
                return $"{path}: {expectedEntries.Count} entries against {actualEntries.Count}";
            }

            foreach (DictionaryEntry entry in expectedEntries)
            {
                var difference = actualEntries.Contains(entry.Key)
                    ? FirstDifference(entry.Value, actualEntries[entry.Key], $"{path}[{entry.Key}]")
                    : $"{path}: key {entry.Key} missing";
                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        if (expected is IEnumerable expectedItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                return $"{path}: {left.Count} items against {right.Count}";
            }

            return left.Select((item, i) => FirstDifference(item, right[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        }

        return type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => FirstDifference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}"))
            .FirstOrDefault(d => d is not null);
    }

    private static string Show(object? value) => value is null ? "null" : $"'{value}'";
}
