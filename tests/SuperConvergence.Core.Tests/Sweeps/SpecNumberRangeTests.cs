using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class SpecNumberRangeTests
{
    private static string Yaml(string maxLrMax) => $"""
        name: huge
        dataset: synthetic
        model: simulated
        searchSpace:
          maxLr: {"{"}min: 0.01, max: {maxLrMax}{"}"}
        """;

    private static string Json(string maxLrMax) =>
        """{"name": "huge", "dataset": "synthetic", "model": "simulated", "searchSpace": {"maxLr": {"min": 0.01, "max": """ + maxLrMax + "}}}";

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("2E+308")]
    public void A_number_beyond_a_double_is_named_as_written_in_yaml(string written)
    {
        // It was read as ±Infinity and reported as "searchSpace.maxLr.max: Infinity must be > 0".
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Yaml(written)));

        Assert.Equal($"searchSpace.maxLr.max: {written} is out of range for a double (at most ±1.7976931348623157E+308)", error.Message);
    }

    [Fact]
    public void A_number_beyond_a_double_is_named_as_written_in_json()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseJson(Json("1e400")));

        Assert.Equal("searchSpace.maxLr.max: 1e400 is out of range for a double (at most ±1.7976931348623157E+308)", error.Message);
    }

    [Fact]
    public void A_nonzero_number_too_small_for_a_double_is_not_read_as_zero()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Yaml("1e-400")));

        Assert.Equal("searchSpace.maxLr.max: 1e-400 is too small for a double (it would read as 0)", error.Message);
    }

    [Theory]
    [InlineData("1.7976931348623157e308")]
    [InlineData("0.0e-999")]
    public void Numbers_a_double_holds_still_read(string written)
    {
        var error = Record.Exception(() => SweepSpecReader.ParseYaml(Yaml(written)));

        // 0.0e-999 is zero, written oddly: the validator's rule applies, naming the value.
        if (written.StartsWith("0", StringComparison.Ordinal))
        {
            Assert.Equal("searchSpace.maxLr.max: 0 must be > 0", Assert.IsType<SweepSpecException>(error).Message);
        }
        else
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public void Infinity_written_as_such_is_still_the_validators_to_refuse()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Yaml("Infinity")));

        Assert.Equal("searchSpace.maxLr.max: Infinity must be > 0", error.Message);
    }
}
