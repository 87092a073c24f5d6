using System.Net;
using SuperConvergence.Cli.Cluster;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// `sc silo --kubernetes` takes its name and address from the pod and needs the pod's API access; whatever is missing
/// or contradicts it is bad input naming the flag or variable, before anything starts.
/// </summary>
public sealed class KubernetesPodTests : IDisposable
{
    private readonly TemporaryDirectory _serviceAccount = new("sc-service-account");
    private readonly Dictionary<string, string?> _environment = new()
    {
        [KubernetesPod.NameVariable] = "superconvergence-worker-7d9f-abcde",
        [KubernetesPod.AddressVariable] = "10.244.1.17",
        [KubernetesPod.ApiHostVariable] = "10.96.0.1",
        [KubernetesPod.ApiPortVariable] = "443",
    };

    public KubernetesPodTests() => File.WriteAllText(Token, "token");

    private string Token => Path.Combine(_serviceAccount.Path, "token");

    [Fact]
    public void The_silo_is_named_and_addressed_after_its_pod()
    {
        var pod = KubernetesPod.Read(Read, name: null, address: null, Token);

        Assert.Equal(new KubernetesPod("superconvergence-worker-7d9f-abcde", IPAddress.Parse("10.244.1.17")), pod);
        Assert.Equal(pod, KubernetesPod.Read(Read, "superconvergence-worker-7d9f-abcde", "10.244.1.17", Token));
    }

    [Theory]
    [InlineData(KubernetesPod.NameVariable)]
    [InlineData(KubernetesPod.AddressVariable)]
    public void A_pod_variable_missing_is_bad_input(string variable)
    {
        _environment[variable] = null;

        var failure = Assert.Throws<CliException>(() => KubernetesPod.Read(Read, null, null, Token));

        Assert.Equal(ExitCodes.BadInput, failure.ExitCode);
        Assert.StartsWith("--kubernetes: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("needs $POD_NAME and $POD_IP", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("superconvergence-worker-other", null, "--name: 'superconvergence-worker-other' differs from $POD_NAME 'superconvergence-worker-7d9f-abcde'")]
    [InlineData(null, "10.244.1.18", "--address: '10.244.1.18' differs from $POD_IP '10.244.1.17'")]
    public void A_name_or_address_other_than_the_pods_is_bad_input(string? name, string? address, string message)
    {
        var failure = Assert.Throws<CliException>(() => KubernetesPod.Read(Read, name, address, Token));

        Assert.Equal(ExitCodes.BadInput, failure.ExitCode);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_ip_that_is_no_address_is_bad_input()
    {
        _environment[KubernetesPod.AddressVariable] = "pod-ip";

        var failure = Assert.Throws<CliException>(() => KubernetesPod.Read(Read, null, null, Token));

        Assert.StartsWith("$POD_IP: 'pod-ip' must be an IP address", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KubernetesPod.ApiHostVariable)]
    [InlineData(KubernetesPod.ApiPortVariable)]
    [InlineData("token")]
    public void Without_the_pods_api_access_it_is_bad_input(string missing)
    {
        if (missing == "token")
        {
            File.Delete(Token);
        }
        else
        {
            _environment[missing] = null;
        }

        var failure = Assert.Throws<CliException>(() => KubernetesPod.Read(Read, null, null, Token));

        Assert.StartsWith("--kubernetes: 'True' finds no Kubernetes API here", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_postgres_cluster_it_is_bad_input()
    {
        var failure = Assert.Throws<SiloSettingsException>(() => new SiloSettings { Kubernetes = true }.Validated());

        Assert.Equal("--kubernetes", failure.Field);
        Assert.Contains("needs a PostgreSQL cluster", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sc_silo_outside_a_pod_exits_with_bad_input_before_anything_starts()
    {
        // This machine is no pod: the first problem is reported, one line, exit 2.
        var outcome = await CliRunner.RunAsync("silo", "--kubernetes", "--postgres", "Host=127.0.0.1;Port=1;Username=sc;Database=sc");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: --kubernetes: ", outcome.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _serviceAccount.Dispose();

    private string? Read(string variable) => _environment.GetValueOrDefault(variable);
}
