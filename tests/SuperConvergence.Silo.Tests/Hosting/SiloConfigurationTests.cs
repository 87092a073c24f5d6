using System.Net;
using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Network;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>Every host feeds a silo's settings in as configuration, and the one composition binds every option from it.</summary>
public sealed class SiloConfigurationTests
{
    private static readonly Gen<string?> Optional = Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char.AlphaNumeric, 0, 30].Select(s => (string?)s));

    private static readonly Gen<TimeSpan> Span = Gen.Long[1, TimeSpan.TicksPerHour].Select(TimeSpan.FromTicks);

    private static readonly Gen<IPAddress> Address = Gen.OneOf(Gen.Byte.Array[4], Gen.Byte.Array[16]).Select(bytes => new IPAddress(bytes));

    private static readonly Gen<SiloSettings> Settings =
        Gen.Select(Gen.Enum<SiloRole>(), Optional, Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.Int[1, 1024], Gen.Int[0, 65535], Gen.Int[0, 65535], Gen.Int[0, 65535], Address)
            .Select((role, postgres, name, slots, siloPort, gatewayPort, httpPort, address) => new SiloSettings
            {
                Role = role,
                Postgres = postgres,
                Name = name,
                Slots = slots,
                SiloPort = siloPort,
                GatewayPort = gatewayPort,
                HttpPort = httpPort,
                Address = address,
            })
            .SelectMany(settings => Gen.Select(Optional, Optional, Span, Span, Gen.Bool, Gen.Bool, Gen.Bool)
                .Select((data, checkpoints, heartbeat, lease, dashboard, kubernetes, resume) => settings with
                {
                    DataDirectory = data,
                    CheckpointDirectory = checkpoints,
                    HeartbeatInterval = heartbeat,
                    LeaseTimeout = lease,
                    Dashboard = dashboard,
                    Kubernetes = kubernetes,
                    ResumeRunningSweeps = resume,
                }));

    [Fact]
    public void Settings_read_back_from_their_configuration_unchanged()
    {
        Settings.Sample(settings =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToConfiguration()).Build();

            Assert.Equal(settings, configuration.ReadSiloSettings());
        });
    }

    [Fact]
    public void Missing_keys_take_the_defaults()
    {
        var read = new ConfigurationBuilder().Build().ReadSiloSettings();

        Assert.Equal(new SiloSettings() with { Name = read.Name }, read);
        Assert.Equal(SweepClusterOptions.DefaultHeartbeatInterval, read.HeartbeatInterval);
        Assert.Equal(SweepClusterOptions.DefaultLeaseTimeout, read.LeaseTimeout);
        Assert.Equal(WorkerSlotsOptions.DefaultSlots, read.Slots);
    }

    [Theory]
    [InlineData("Slots", "many", "must be a whole number")]
    [InlineData("Role", "leader", "must be all, coordinator or worker")]
    [InlineData("Role", "1", "must be all, coordinator or worker")]
    [InlineData("Address", "localhost", "must be an IP address")]
    [InlineData("LeaseTimeout", "15s", "must be a time span (hh:mm:ss)")]
    [InlineData("Dashboard", "yes", "must be true or false")]
    public void A_value_of_the_wrong_type_is_refused_naming_its_key(string key, string value, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"{SiloConfiguration.Section}:{key}", value)]).Build();

        var refused = Assert.Throws<SiloSettingsException>(configuration.ReadSiloSettings);

        Assert.Equal($"{SiloConfiguration.Section}:{key}: '{value}' {problem}", refused.Message);
    }

    [Fact]
    public async Task The_composition_binds_the_options_from_the_settings_keys()
    {
        using var data = new TemporaryDirectory("sc-composition");
        var settings = new SiloSettings
        {
            DataDirectory = data.Path,
            Slots = 3,
            HeartbeatInterval = TimeSpan.FromMilliseconds(250),
            LeaseTimeout = TimeSpan.FromSeconds(4),
            ResumeRunningSweeps = false,
        };

        await using var app = SuperConvergenceSiloHost.Build(settings, LogLevel.Warning);

        var timing = app.Services.GetRequiredService<IOptions<SweepClusterOptions>>().Value;
        Assert.Equal(settings.HeartbeatInterval, timing.HeartbeatInterval);
        Assert.Equal(settings.LeaseTimeout, timing.LeaseTimeout);
        Assert.False(timing.ResumeRunningSweepsOnStart);
        Assert.Equal(3, app.Services.GetRequiredService<IOptions<WorkerSlotsOptions>>().Value.Slots);
        Assert.Equal(settings, app.Services.GetRequiredService<SiloSettings>());
    }

    [Fact]
    public async Task Options_only_configuration_sets_are_checked_when_the_silo_starts()
    {
        using var data = new TemporaryDirectory("sc-composition");
        var ports = FreePorts.Take(3);
        var settings = new SiloSettings { DataDirectory = data.Path, SiloPort = ports[0], GatewayPort = ports[1], HttpPort = ports[2] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Configuration[$"{SiloConfiguration.Section}:{nameof(SweepClusterOptions.LiveSiloLeaseTimeout)}"] = "00:00:01";
        builder.AddSuperConvergenceSilo();
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("LiveSiloLeaseTimeout: 00:00:01 must be at least LeaseTimeout (00:00:15)", refused.Message, StringComparison.Ordinal);
    }
}
