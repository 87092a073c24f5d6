using Xunit;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// Each check of the manifests tests fails on a small manifest broken in the one way it looks for, and passes on the
/// same manifest unbroken (<see cref="Fixture"/>), so that a green KubernetesManifestsTests means something.
/// </summary>
public sealed class ManifestChecksTests
{
    /// <summary>A silo Deployment, its Service, PodDisruptionBudget and NetworkPolicy, as the real manifests write them.</summary>
    private const string Fixture = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: silo
        spec:
          replicas: 2
          selector:
            matchLabels: { app: silo }
          template:
            metadata:
              labels: { app: silo, role: coordinator }
            spec:
              securityContext: { runAsNonRoot: true, runAsUser: 1654 }
              containers:
                - name: silo
                  image: superconvergence:cpu
                  args: ["silo", "--role", "coordinator", "--name", "$(POD_NAME)", "--address", "$(POD_IP)", "--slots", "$(SLOTS)"]
                  env:
                    - name: POD_NAME
                      valueFrom: { fieldRef: { fieldPath: metadata.name } }
                    - name: POD_IP
                      valueFrom: { fieldRef: { fieldPath: status.podIP } }
                    - name: SLOTS
                      value: "2"
                    - name: SC_POSTGRES
                      valueFrom: { secretKeyRef: { name: db, key: SC_POSTGRES } }
                  ports:
                    - { name: gateway, containerPort: 30000 }
                  resources:
                    requests: { cpu: 500m, memory: 1Gi }
                    limits: { cpu: "2", memory: 2Gi }
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities: { drop: ["ALL"] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: silo
          labels: { metrics: "yes" }
        spec:
          selector: { app: silo }
          ports:
            - { name: gateway, port: 30000, targetPort: gateway }
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: silo
        spec:
          minAvailable: 1
          selector:
            matchLabels: { app: silo }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: silo
        spec:
          podSelector:
            matchLabels: { app: silo }
          ingress:
            - from:
                - podSelector:
                    matchLabels: { role: coordinator }
              ports:
                - { protocol: TCP, port: gateway }
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: silo
        spec:
          selector:
            matchLabels: { metrics: "yes" }
          endpoints:
            - { port: gateway, path: /metrics }
        """;

    [Fact]
    public void The_unbroken_fixture_passes_every_check()
    {
        var objects = Manifests.Load(Fixture);

        Assert.Equal(5, objects.Count);
        Assert.Empty(ManifestChecks.Problems(objects));
        Assert.Empty(ManifestChecks.ImageProblems(objects, new HashSet<string> { "superconvergence:cpu" }, "the docs"));
    }

    [Theory]
    [InlineData("  replicas: 2", "  replicas: 2\n  paused: false\n  surge: 1", "surge")]
    [InlineData("          image: superconvergence:cpu", "          image: superconvergence:cpu\n          imagePullPolicyy: Always", "imagePullPolicyy")]
    [InlineData("    - { port: gateway, path: /metrics }", "    - { port: gateway, path: /metrics, relabel: true }", "relabel")]
    public void An_unknown_field_is_refused(string from, string to, string field)
    {
        var failure = Assert.Throws<ManifestSchemaException>(() => Manifests.Load(Break(from, to)));

        Assert.Contains(field, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  replicas: 2", "  replicas: two")]
    [InlineData("    - { name: gateway, containerPort: 30000 }", "    - { name: gateway, containerPort: [30000] }")]
    [InlineData("  minAvailable: 1", "  minAvailable: { value: 1 }")]
    public void A_value_of_the_wrong_type_is_refused(string from, string to) =>
        Assert.Throws<ManifestSchemaException>(() => Manifests.Load(Break(from, to)));

    [Fact]
    public void A_kind_outside_the_schema_is_refused() =>
        Assert.Throws<ManifestSchemaException>(() => Manifests.Load(Break("kind: PodDisruptionBudget", "kind: PodDisruptionBudgett")));

    [Theory]
    [InlineData("    matchLabels: { app: silo }\n  template", "    matchLabels: { app: silo, tier: x }\n  template", "Deployment silo: spec.selector")]
    [InlineData("  selector: { app: silo }", "  selector: { app: silos }", "Service silo: spec.selector {app: silos} matches no pod template")]
    [InlineData("  minAvailable: 1\n  selector:\n    matchLabels: { app: silo }", "  minAvailable: 1\n  selector:\n    matchLabels: { app: coordinator }", "PodDisruptionBudget silo")]
    [InlineData("      matchLabels: { role: coordinator }", "      matchLabels: { role: client }", "NetworkPolicy silo: ingress from podSelector {role: client} matches no pod template")]
    [InlineData("    matchLabels: { metrics: \"yes\" }", "    matchLabels: { metrics: \"no\" }", "ServiceMonitor silo: spec.selector {metrics: no} matches no Service")]
    public void A_selector_that_matches_nothing_fails(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.SelectorProblems, Break(from, to), problem);

    [Theory]
    [InlineData("targetPort: gateway", "targetPort: http", "Service silo: port gateway targets http, which no container of Deployment silo exposes")]
    [InlineData("targetPort: gateway", "targetPort: 30001", "targets 30001")]
    [InlineData("{ protocol: TCP, port: gateway }", "{ protocol: TCP, port: silo }", "NetworkPolicy silo: port silo is exposed by no pod it selects")]
    public void A_port_no_container_exposes_fails(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.TargetPortProblems, Break(from, to), problem);

    [Theory]
    [InlineData("\"--role\", \"coordinator\"", "\"--rol\", \"coordinator\"", "--rol")]
    [InlineData("\"--role\", \"coordinator\"", "\"--role\", \"leader\"", "leader")]
    [InlineData("      value: \"2\"", "      value: two", "two")]
    [InlineData("args: [\"silo\", ", "args: [\"silos\", ", "silos")]
    [InlineData("          args: [", "          command: [\"sh\", \"-c\"]\n          args: [", "entry point")]
    public void Arguments_sc_does_not_read_fail(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.CommandLineProblems, Break(from, to), problem);

    [Theory]
    [InlineData("- name: SLOTS\n", "- name: SC_SLOTS\n", "$(SLOTS)")]
    [InlineData("- name: SC_POSTGRES\n", "- name: SC_POSTGRESQL\n", "env SC_POSTGRESQL is read neither by sc")]
    [InlineData("          env:\n", "          envFrom:\n            - secretRef: { name: db }\n          env:\n", "envFrom")]
    public void Variables_sc_does_not_read_fail(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.EnvironmentProblems, Break(from, to), problem);

    [Theory]
    [InlineData("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation is not false")]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "readOnlyRootFilesystem is not true")]
    [InlineData("capabilities: { drop: [\"ALL\"] }", "capabilities: { drop: [\"NET_RAW\"] }", "capabilities must drop ALL")]
    [InlineData("securityContext: { runAsNonRoot: true, runAsUser: 1654 }", "securityContext: { runAsUser: 1654 }", "runAsNonRoot is not true")]
    public void A_weak_security_context_fails(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.SecurityProblems, Break(from, to), problem);

    [Fact]
    public void A_container_without_a_security_context_fails() =>
        AssertProblem(
            ManifestChecks.SecurityProblems,
            Break("          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities: { drop: [\"ALL\"] }\n", ""),
            "Deployment silo container silo: no securityContext");

    [Theory]
    [InlineData("limits: { cpu: \"2\", memory: 2Gi }", "limits: { cpu: \"2\" }", "resources.limits.memory is not set")]
    [InlineData("            limits: { cpu: \"2\", memory: 2Gi }\n", "", "resources.limits.cpu is not set")]
    [InlineData("requests: { cpu: 500m, memory: 1Gi }", "requests: { memory: 1Gi }", "resources.requests.cpu is not set")]
    public void A_container_without_limits_fails(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.ResourceProblems, Break(from, to), problem);

    [Theory]
    [InlineData("valueFrom: { secretKeyRef: { name: db, key: SC_POSTGRES } }", "value: Host=db;Username=sc;Password=hunter2;Database=sc", "env SC_POSTGRES has a literal credential")]
    [InlineData("valueFrom: { secretKeyRef: { name: db, key: SC_POSTGRES } }", "value: \"Host=db;Username=sc;Database=sc;pwd=hunter2\"", "env SC_POSTGRES has a literal credential")]
    [InlineData("- name: SLOTS\n              value: \"2\"", "- name: SLOTS\n              value: \"2\"\n            - name: API_TOKEN\n              value: abc", "env API_TOKEN has a literal credential")]
    [InlineData("\"--slots\", \"$(SLOTS)\"]", "\"--slots\", \"$(SLOTS)\", \"--postgres\", \"postgresql://sc:hunter2@db/sc\"]", "an argument holds a password")]
    [InlineData("---\napiVersion: policy/v1", "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  SC_POSTGRES: x\n---\napiVersion: policy/v1", "Secret db: credentials in the repository")]
    [InlineData("---\napiVersion: policy/v1", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  db: \"Host=db;Password=hunter2\"\n---\napiVersion: policy/v1", "ConfigMap settings: db holds a password")]
    public void A_literal_credential_fails(string from, string to, string problem) =>
        AssertProblem(ManifestChecks.CredentialProblems, Break(from, to), problem);

    [Fact]
    public void An_image_other_than_the_documented_one_fails()
    {
        var objects = Manifests.Load(Break("image: superconvergence:cpu", "image: superconvergence:latest"));

        var problems = ManifestChecks.ImageProblems(objects, new HashSet<string> { "superconvergence:cpu" }, "the docs").ToList();

        Assert.Contains("image superconvergence:latest is not the one the docs documents (superconvergence:cpu)", problems);
        Assert.Contains("the docs documents image superconvergence:cpu, which no container uses", problems);
    }

    [Fact]
    public void The_documented_images_are_read_from_the_readme_table()
    {
        var images = DocumentedImages.Read("""
            | kustomization | images |
            | --- | --- |
            | `k8s/overlays/cpu` | `superconvergence:cpu`, `postgres:15` |
            | `k8s/submit` | `superconvergence:cpu` |
            """);

        Assert.Equal(["postgres:15", "superconvergence:cpu"], images["k8s/overlays/cpu"].Order());
        Assert.Equal(["superconvergence:cpu"], images["k8s/submit"]);
    }

    private static string Break(string from, string to)
    {
        var fixture = Fixture.ReplaceLineEndings("\n");
        Assert.True(fixture.Contains(from, StringComparison.Ordinal), $"the fixture has no '{from}' to break");
        return fixture.Replace(from, to, StringComparison.Ordinal);
    }

    private static void AssertProblem(Func<IReadOnlyList<object>, IEnumerable<string>> check, string yaml, string problem)
    {
        var problems = check(Manifests.Load(yaml)).ToList();

        Assert.True(problems.Any(p => p.Contains(problem, StringComparison.Ordinal)), $"expected a problem containing '{problem}', got: {string.Join(" | ", problems)}");
        Assert.Empty(check(Manifests.Load(Fixture)));
    }
}
