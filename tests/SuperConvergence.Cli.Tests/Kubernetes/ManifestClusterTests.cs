using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Cli.Cluster;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Cli.Tests.Cluster;
using SuperConvergence.Core.Trials.Simulated;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.Servers;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// The cluster k8s/overlays/cpu describes, run from its rendered manifests as local processes: every replica of the
/// coordinator and worker Deployments runs its container's arguments and environment (the image's entry point is
/// `dotnet sc.dll`), each pod on a loopback address of its own in place of its pod IP, its volumes as folders, the
/// test PostgreSQL in place of the StatefulSet and the Secret. Each is awaited through the manifest's own readiness
/// probe; a simulated sweep goes in through the submit Job's command; one worker is stopped with SIGTERM mid-epoch, as
/// the kubelet stops a pod (a rolling update, a scale-down, a preempted node), and one coordinator is killed with SIGKILL
/// mid-sweep.
/// </summary>
/// <remarks>
/// Three things of the pods are not run, for want of what they need here: `--kubernetes` is dropped from the silos'
/// arguments (no Kubernetes API server runs here; KubernetesPodTests covers the flag), init containers are skipped
/// (`fetch-data` downloads a data set; the simulated trainer needs none), and the ConfigMap's spec is replaced by a
/// simulated one.
/// </remarks>
public sealed partial class ManifestClusterTests
{
    private const string Namespace = "superconvergence";

    private const string SimulatedSpec = """
        name: manifest-cluster
        dataset: synthetic
        model: mlp
        trainer: {kind: simulated, epochSeconds: 1.5}
        searchSpace:
          maxLr: {min: 0.05, max: 2}
          weightDecay: [0.0001]
          batchSize: [128]
          cycleEpochs: [3]
        strategy: random
        budget: {trialEpochs: 36, maxTrials: 12}
        maxConcurrentTrials: 4
        seed: 5
        """;

    [Fact]
    public async Task The_rendered_cluster_runs_a_sweep_to_the_end_through_a_worker_stopped_with_sigterm_and_a_coordinator_killed_with_sigkill()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await TestPostgres.CreateDatabaseAsync("sc_manifests", ct);
        var root = Repository.Root();
        var cluster = Manifests.Load(await Manifests.RenderAsync(Path.Combine(root, "k8s/overlays/cpu"), ct));
        var submit = Manifests.Load(await Manifests.RenderAsync(Path.Combine(root, "k8s/submit"), ct));
        using var volumes = new TemporaryDirectory("sc-manifest-cluster");

        var coordinators = Pods(cluster, "superconvergence-coordinator", subnet: 1, volumes.Path);
        var workers = Pods(cluster, "superconvergence-worker", subnet: 2, volumes.Path);
        Assert.Equal(2, coordinators.Count);
        Assert.Equal(2, workers.Count);
        var processes = new List<ScProcess>();
        try
        {
            foreach (var pod in coordinators.Concat(workers))
            {
                processes.Add(Start(pod, pod.Template.Spec.Containers.Single()));
            }

            foreach (var (pod, process) in coordinators.Concat(workers).Zip(processes))
            {
                await WaitReadyAsync(pod, process, ct);
            }

            // Watching closely enough to see the sweep mid-way needs a client in this process, connected beforehand.
            await using var watcher = await ConnectAsync(new ClusterTarget(postgres, null), ct);

            // The Job's container, its Service host mapped to a ready coordinator pod, its spec volume to a folder.
            var job = Assert.Single(submit.OfType<V1Job>());
            var jobPod = new LocalPod("superconvergence-submit-0", IPAddress.Parse("127.77.3.1"), job.Spec.Template, volumes.File("submit"));
            Directory.CreateDirectory(Path.Combine(jobPod.VolumeRoot, "spec"));
            await File.WriteAllTextAsync(Path.Combine(jobPod.VolumeRoot, "spec", "sweep.yaml"), SimulatedSpec, ct);
            var services = cluster.OfType<V1Service>().Where(s => coordinators.Any(p => Selects(s, p)))
                .ToDictionary(s => s.Metadata.Name, s => coordinators.First(p => Selects(s, p)).Address);
            var (exitCode, standardOutput, output) = await RunAsync(jobPod, job.Spec.Template.Spec.Containers.Single(), services, ct);
            Assert.True(exitCode == 0, output);
            var sweepId = JsonDocument.Parse(standardOutput).RootElement.GetProperty("sweepId").GetString()!;

            // SIGTERM to the second worker while one of its trials is in its second epoch (of three, 1.5 s each): the
            // worker stops that trial at its next step, checkpoints there, hands it back and exits by itself.
            var stopping = workers[1];
            bool RunsThere(JsonElement trial) => trial.GetProperty("state").GetString() == "running"
                && trial.GetProperty("worker").GetString()!.StartsWith(stopping.Name + "/", StringComparison.Ordinal);
            var midSweep = await PollAsync(watcher, sweepId, s => s.GetProperty("counts").TryGetProperty("completed", out var completed) && completed.GetInt32() >= 1
                && ProcessCluster.Trials(s).Any(t => RunsThere(t) && t.GetProperty("epochsCompleted").GetInt32() == 1), TimeSpan.FromSeconds(120), processes, ct);
            var preempted = ProcessCluster.Trials(midSweep).Where(RunsThere).Select(t => t.GetProperty("trialId").GetString()!).ToList();
            var stoppingProcess = processes[coordinators.Count + 1];
            stoppingProcess.Terminate();
            var grace = TimeSpan.FromSeconds(stopping.Template.Spec.TerminationGracePeriodSeconds ?? 30);
            Assert.Equal(0, await stoppingProcess.WaitForExitAsync(grace, ct));
            Assert.Contains("attempt(s) ended in", stoppingProcess.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("did not hand back in time", stoppingProcess.Output, StringComparison.Ordinal);

            processes[0].Kill();

            var final = await PollAsync(watcher, sweepId, s => s.GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(180), processes, ct);
            var trials = ProcessCluster.Trials(final).ToList();
            Assert.Equal(12, final.GetProperty("totalTrials").GetInt32());
            Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
            var resumedMidEpoch = 0;
            foreach (var trial in trials)
            {
                // Every epoch of every trial recorded exactly once.
                var trialId = trial.GetProperty("trialId").GetString()!;
                var details = JsonDocument.Parse(TrialJson.Show(await watcher.Client.GetGrain<ITrialGrain>(trialId).Get())).RootElement;
                Assert.Equal([1, 2, 3], details.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
                if (preempted.Contains(trialId) && details.GetProperty("resumedFromStep") is { ValueKind: JsonValueKind.Number } step)
                {
                    // Handed back once, it resumed from the step its worker stopped at, inside an epoch after the first.
                    Assert.Equal(2, details.GetProperty("attempts").GetInt32());
                    Assert.InRange(details.GetProperty("resumedFromEpoch").GetInt32(), 1, 2);
                    Assert.InRange(step.GetInt32(), 1, SimulatedTrainer.StepsPerEpoch - 1);
                    Assert.DoesNotContain(stopping.Name + "/", details.GetProperty("worker").GetString(), StringComparison.Ordinal);
                    resumedMidEpoch++;
                }
            }

            // The trial found inside an epoch resumed from a mid-epoch checkpoint (another of that worker's trials may
            // have been between epochs, or finished, when the signal came).
            Assert.True(resumedMidEpoch >= 1, $"none of {string.Join(", ", preempted)} resumed from a mid-epoch checkpoint");
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        ScProcess Start(LocalPod pod, V1Container container) =>
            ScProcess.Start(pod.Name, Environment(pod, container, new Dictionary<string, IPAddress>()), Arguments(pod, container, dropKubernetes: true));

        Task<(int ExitCode, string StandardOutput, string AllOutput)> RunAsync(LocalPod pod, V1Container container, IReadOnlyDictionary<string, IPAddress> services, CancellationToken cancellation) =>
            ScProcess.RunAsync(Environment(pod, container, services), cancellation, Arguments(pod, container, dropKubernetes: false));

        Dictionary<string, string> Environment(LocalPod pod, V1Container container, IReadOnlyDictionary<string, IPAddress> services)
        {
            var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
            foreach (var variable in container.Env ?? [])
            {
                environment[variable.Name] = variable switch
                {
                    { Value: { } value } => ServiceHosts(pod.Local(value, container), services),
                    { ValueFrom.FieldRef.FieldPath: "metadata.name" } => pod.Name,
                    { ValueFrom.FieldRef.FieldPath: "status.podIP" } => pod.Address.ToString(),
                    { ValueFrom.FieldRef.FieldPath: "metadata.namespace" } => Namespace,
                    { ValueFrom.SecretKeyRef: { Name: "superconvergence-postgres", Key: "SC_POSTGRES" } } => postgres,
                    _ => throw new InvalidOperationException($"{pod.Name}: env {variable.Name} comes from a source this test does not stand in for"),
                };
            }

            return environment;
        }
    }

    /// <summary>One pod per replica, each with a loopback address of its own (127.77.SUBNET.N) for its pod IP.</summary>
    private static List<LocalPod> Pods(IReadOnlyList<object> objects, string deployment, int subnet, string volumes)
    {
        var spec = Assert.Single(objects.OfType<V1Deployment>(), d => d.Metadata.Name == deployment).Spec;
        return Enumerable.Range(0, spec.Replicas ?? 1)
            .Select(i => new LocalPod($"{deployment}-{i}", IPAddress.Parse($"127.77.{subnet}.{i + 1}"), spec.Template, Path.Combine(volumes, $"{deployment}-{i}")))
            .ToList();
    }

    /// <summary>The container's arguments with Kubernetes' $(VAR) expansion, its volume paths made local.</summary>
    private static string[] Arguments(LocalPod pod, V1Container container, bool dropKubernetes) =>
        (container.Args ?? [])
            .Where(a => !(dropKubernetes && a == "--kubernetes"))
            .Select(a => VariableReference().Replace(a, m => container.Env?.FirstOrDefault(e => e.Name == m.Groups[1].Value) switch
            {
                { Value: { } value } => value,
                { ValueFrom.FieldRef.FieldPath: "metadata.name" } => pod.Name,
                { ValueFrom.FieldRef.FieldPath: "status.podIP" } => pod.Address.ToString(),
                _ => m.Value,
            }))
            .Select(a => pod.Local(a, container))
            .ToArray();

    private static string ServiceHosts(string value, IReadOnlyDictionary<string, IPAddress> services) =>
        services.Aggregate(value, (text, service) => text.Replace(service.Key + ":", service.Value + ":", StringComparison.Ordinal));

    private static bool Selects(V1Service service, LocalPod pod) =>
        service.Spec.Selector.All(l => pod.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    /// <summary>GETs the container's readiness probe, as the kubelet would, until it answers 2xx.</summary>
    private static Task WaitReadyAsync(LocalPod pod, ScProcess process, CancellationToken ct)
    {
        var container = pod.Template.Spec.Containers.Single();
        var probe = container.ReadinessProbe?.HttpGet ?? throw new InvalidOperationException($"{pod.Name}: no HTTP readiness probe");
        var port = int.TryParse(probe.Port.Value, out var number) ? number : container.Ports.Single(p => p.Name == probe.Port.Value).ContainerPort;
        var url = $"http://{pod.Address}:{port.ToString(CultureInfo.InvariantCulture)}{probe.Path}";
        return process.WaitReadyAsync(url, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(container.ReadinessProbe.TimeoutSeconds ?? 1), ct);
    }

    private static Task<JsonElement> PollAsync(ClusterConnection watcher, string id, Func<JsonElement, bool> done, TimeSpan timeout, IReadOnlyList<ScProcess> processes, CancellationToken ct) =>
        ProcessCluster.PollAsync(() => Task.FromResult(watcher), id, done, timeout, () => string.Join("\n", processes.Select(p => $"--- {p.Name}:\n{p.Output}")), ct);

    /// <summary>Connects a client; four silos that just started on two cores can miss a first connection's deadline.</summary>
    private static async Task<ClusterConnection> ConnectAsync(ClusterTarget target, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ClusterConnection.OpenAsync(target, ct);
            }
            catch (CliException) when (attempt < 3)
            {
                // Try again: the silos are ready (their probes said so), the machine is slow.
            }
        }
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();

    /// <summary>A pod as local processes see it: its name, its pod IP (a loopback address), its volumes under one folder.</summary>
    private sealed record LocalPod(string Name, IPAddress Address, V1PodTemplateSpec Template, string VolumeRoot)
    {
        /// <summary>A path under one of the container's volume mounts, moved under this pod's folder for that volume.</summary>
        public string Local(string value, V1Container container)
        {
            foreach (var mount in (container.VolumeMounts ?? []).OrderByDescending(m => m.MountPath.Length))
            {
                if (value == mount.MountPath || value.StartsWith(mount.MountPath + "/", StringComparison.Ordinal))
                {
                    var local = Path.Combine(VolumeRoot, mount.Name);
                    Directory.CreateDirectory(local);
                    return local + value[mount.MountPath.Length..];
                }
            }

            return value;
        }
    }
}
