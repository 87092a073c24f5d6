namespace SuperConvergence.Cli.Commands;

/// <summary>`sc sweep …`: launch sweeps and ask a running cluster about them.</summary>
public static class SweepCommand
{
    /// <summary>Trials on a page of sweep status unless --limit says otherwise.</summary>
    private const int StatusPage = 100;

    /// <summary>What the query commands' help says of where they read: a cluster, else the data directory's store.</summary>
    internal const string StoreNote =
        "\n\nAsks the cluster that --postgres/--gateway (or SC_POSTGRES, SC_POSTGRES_FILE or SC_GATEWAY, or the config file) names; with none, or with --data-dir, reads the store an embedded cluster (sc sweep run, sc silo without --postgres) left in the data directory, read-only and starting nothing.";

    public static Command Create(CliConsole console)
    {
        var sweep = new Command("sweep", "Launch sweeps and query them: run, submit, status, watch, best, export, cancel, list.\n\nExamples:\n  sc sweep run examples/simulated-quick.yaml\n  sc sweep best simulated-quick-20261205-114317-a840 --data-dir /tmp/sweeps\n  sc sweep list --gateway 127.0.0.1:30000\n  sc sweep best fmnist-20261122-0a1b --top 5");
        sweep.Subcommands.Add(Run(console));
        sweep.Subcommands.Add(Submit(console));
        sweep.Subcommands.Add(Status(console));
        sweep.Subcommands.Add(Watch(console));
        sweep.Subcommands.Add(Best(console));
        sweep.Subcommands.Add(Export(console));
        sweep.Subcommands.Add(Cancel(console));
        sweep.Subcommands.Add(List(console));
        return sweep;
    }

    private static Command Run(CliConsole console)
    {
        var command = new Command("run", "Run a sweep to its end on an embedded cluster in this process (SQLite in the data dir), with a live view.\n\nExamples:\n  sc sweep run examples/simulated-quick.yaml\n  sc sweep run examples/fashion-mnist.yaml --format json > status.json\n  sc sweep run examples/fashion-mnist.yaml --resume fashion-mnist-resnet-small-20261205-101500-ab12");
        var spec = new Argument<string>("SPEC") { Description = "The sweep spec, YAML or JSON (docs/sweep-spec.md)" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory (default $SC_DATA or ~/.cache/superconvergence)" };
        var resume = new Option<string?>("--resume") { Description = "Continue this sweep of SPEC that an earlier run left unfinished (killed), instead of starting a new one; unfinished sweeps are otherwise left alone" };
        command.Arguments.Add(spec);
        command.Options.Add(format);
        command.Options.Add(dataDir);
        command.Options.Add(resume);
        command.SetAction(async (parse, ct) =>
        {
            var file = SpecFile.Read(parse.GetValue(spec)!);
            await CommandTrainerCheck.RequireAsync(file, ct);
            return await EmbeddedSweepRunner.RunAsync(console, file, OutputFormats.Parse(parse.GetValue(format)!), parse.GetValue(dataDir), ct, resume: parse.GetValue(resume));
        });
        return command;
    }

    private static Command Submit(CliConsole console)
    {
        var command = new Command("submit", "Submit a sweep to a running cluster and return at once with its id.\n\nExample:\n  sc sweep submit examples/fashion-mnist.yaml --format json");
        var spec = new Argument<string>("SPEC") { Description = "The sweep spec, YAML or JSON (docs/sweep-spec.md)" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var cluster = new ClusterConnectionOptions(console);
        command.Arguments.Add(spec);
        command.Options.Add(format);
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var file = SpecFile.Read(parse.GetValue(spec)!);
            await CommandTrainerCheck.RequireAsync(file, ct);
            await using var connection = await cluster.ConnectAsync(parse, ct);
            var sweepId = file.NewSweepId();
            try
            {
                await connection.Client.GetGrain<ISweepGrain>(sweepId).Start(file.Text);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"{file.Path}: {e.Message}", ExitCodes.BadInput);
            }

            console.Out.WriteLine(OutputFormats.Parse(parse.GetValue(format)!) == OutputFormat.Json ? SweepJson.SweepId(sweepId) : $"submitted sweep {sweepId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var command = new Command("status", $"Show a sweep's state, LR bounds, round and trials.{StoreNote}\n\nExamples:\n  sc sweep status fmnist-20261122-0a1b\n  sc sweep status fmnist-20261122-0a1b --gateway 127.0.0.1:30000 --format json\n  sc sweep status simulated-quick-20261205-114317-a840 --data-dir /tmp/sweeps");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var offset = new Option<int>("--offset") { Description = "First trial of the page", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Trials per page", DefaultValueFactory = _ => StatusPage };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var source = new SweepQueryOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(offset);
        command.Options.Add(limit);
        command.Options.Add(format);
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (from, count) = (parse.GetValue(offset), parse.GetValue(limit));
            if (from < 0)
            {
                throw CliException.BadInput("--offset", from, "must be 0 or more");
            }

            if (count is < 0 or > 100_000)
            {
                throw CliException.BadInput("--limit", count, "must be between 0 and 100000");
            }

            await using var queries = await source.OpenAsync(parse, ct);
            var status = await queries.StatusAsync(parse.GetValue(id)!, from, count);
            WriteStatus(console, status, OutputFormats.Parse(parse.GetValue(format)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteStatus(CliConsole console, SweepStatus status, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            console.Out.WriteLine(SweepJson.Status(status));
        }
        else if (format == OutputFormat.Csv)
        {
            SweepCsv.Write(console.Out, SweepCsv.Header, status.Trials, SweepCsv.Row);
        }
        else
        {
            var ansi = SweepTables.ConsoleFor(console);
            ansi.Write(SweepTables.Summary(status));
            ansi.Write(SweepTables.Trials(status.Trials, $"trials {status.TrialOffset + 1}–{status.TrialOffset + status.Trials.Count} of {status.TotalTrials}"));
        }
    }

    private static Command Watch(CliConsole console)
    {
        var command = new Command("watch", "Follow a sweep live: state, LR bounds and round, active trials with progress, the best so far. Ctrl-C stops watching and leaves the sweep running.\n\nExample:\n  sc sweep watch fmnist-20261122-0a1b\n  sc sweep watch fmnist-20261122-0a1b --once\n  sc sweep watch fmnist-20261122-0a1b --once --format json");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var refresh = CommonOptions.Refresh("Seconds between updates");
        var once = new Option<bool>("--once") { Description = "Show the view once and exit (for scripts and status bars)" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        format.Description += "; json and csv (with --once) print what sweep status does";
        var cluster = new ClusterConnectionOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(refresh);
        command.Options.Add(once);
        command.Options.Add(format);
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var interval = CommonOptions.ResolveRefresh(parse, refresh);

            var chosen = OutputFormats.Parse(parse.GetValue(format)!);
            if (chosen != OutputFormat.Table && !parse.GetValue(once))
            {
                throw CliException.BadInput("--format", parse.GetValue(format), "needs --once: the live view is a table", "sc sweep watch ID --once --format json, or sc sweep status ID --format json");
            }

            await using var connection = await cluster.ConnectAsync(parse, ct);
            var sweepId = parse.GetValue(id)!;
            var first = await Ask(sweepId, s => connection.Client.GetGrain<ISweepGrain>(s).GetStatus(0, chosen == OutputFormat.Table ? 0 : StatusPage));
            if (chosen != OutputFormat.Table)
            {
                WriteStatus(console, first, chosen);
                return ExitCodes.Ok;
            }

            var view = new SweepLiveView(console, interval);
            if (parse.GetValue(once))
            {
                await view.ShowOnceAsync(SweepLiveView.QueriesFor(connection.Client, sweepId));
                return ExitCodes.Ok;
            }

            await view.FollowAsync(SweepLiveView.QueriesFor(connection.Client, sweepId), ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Best(CliConsole console)
    {
        var command = new Command("best", $"The best finished training trials of a sweep, with their full configs.{StoreNote}\n\nExamples:\n  sc sweep best fmnist-20261122-0a1b --top 5 --format json\n  sc sweep best simulated-quick-20261205-114317-a840 --data-dir /tmp/sweeps");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var top = new Option<int>("--top") { Description = "How many", DefaultValueFactory = _ => 10 };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var source = new SweepQueryOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(top);
        command.Options.Add(format);
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(top);
            if (n is < 1 or > 1000)
            {
                throw CliException.BadInput("--top", n, "must be between 1 and 1000");
            }

            await using var queries = await source.OpenAsync(parse, ct);
            var best = await queries.BestAsync(parse.GetValue(id)!, n);
            var chosen = OutputFormats.Parse(parse.GetValue(format)!);
            if (chosen == OutputFormat.Json)
            {
                console.Out.WriteLine(SweepJson.Best(best));
            }
            else if (chosen == OutputFormat.Csv)
            {
                SweepCsv.Write(console.Out, SweepCsv.BestHeader, best.Select((b, i) => (b, i)), x => SweepCsv.BestRow(x.i + 1, x.b));
            }
            else
            {
                SweepTables.ConsoleFor(console).Write(SweepTables.Best(best));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var command = new Command("export", $"Every trial of a sweep, as CSV or JSON, fetched page by page.{StoreNote}\n\nExamples:\n  sc sweep export fmnist-20261122-0a1b --format csv > trials.csv\n  sc sweep export simulated-quick-20261205-114317-a840 --format json --data-dir /tmp/sweeps > trials.json");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var format = OutputFormats.Option(OutputFormat.Csv, OutputFormat.Json);
        var source = new SweepQueryOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(format);
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            const int page = 1000;
            await using var queries = await source.OpenAsync(parse, ct);
            var sweepId = parse.GetValue(id)!;
            var trials = new List<TrialSummary>();
            for (var offset = 0; ; offset += page)
            {
                ct.ThrowIfCancellationRequested();
                var status = await queries.StatusAsync(sweepId, offset, page);
                trials.AddRange(status.Trials);
                if (offset + page >= status.TotalTrials)
                {
                    break;
                }
            }

            if (OutputFormats.Parse(parse.GetValue(format)!) == OutputFormat.Json)
            {
                console.Out.WriteLine(SweepJson.Trials(trials));
            }
            else
            {
                SweepCsv.Write(console.Out, SweepCsv.Header, trials, SweepCsv.Row);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel(CliConsole console)
    {
        var command = new Command("cancel", "Cancel a sweep: no new trials; pending and running ones are cancelled.\n\nExample:\n  sc sweep cancel fmnist-20261122-0a1b");
        var id = new Argument<string>("ID") { Description = "The sweep id" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var cluster = new ClusterConnectionOptions(console);
        command.Arguments.Add(id);
        command.Options.Add(format);
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var connection = await cluster.ConnectAsync(parse, ct);
            var status = await Ask(parse.GetValue(id)!, sweepId => connection.Client.GetGrain<ISweepGrain>(sweepId).Cancel());
            if (OutputFormats.Parse(parse.GetValue(format)!) == OutputFormat.Json)
            {
                console.Out.WriteLine(SweepJson.Status(status));
            }
            else
            {
                SweepTables.ConsoleFor(console).Write(SweepTables.Summary(status));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", $"List the sweeps of a cluster, or of a data directory's store, newest first.{StoreNote}\n\nExamples:\n  sc sweep list --gateway 127.0.0.1:30000\n  sc sweep list --data-dir /tmp/sweeps");
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var source = new SweepQueryOptions(console);
        command.Options.Add(format);
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var queries = await source.OpenAsync(parse, ct);
            var sweeps = await queries.ListAsync();
            var chosen = OutputFormats.Parse(parse.GetValue(format)!);
            if (chosen == OutputFormat.Json)
            {
                console.Out.WriteLine(SweepJson.List(sweeps));
            }
            else if (chosen == OutputFormat.Csv)
            {
                SweepCsv.Write(console.Out, SweepCsv.ListHeader, sweeps, SweepCsv.ListRow);
            }
            else
            {
                SweepTables.ConsoleFor(console).Write(SweepTables.Sweeps(sweeps));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A sweep the cluster does not know is "not found" (exit 3), not a failure.</summary>
    internal static async Task<T> Ask<T>(string sweepId, Func<string, Task<T>> query)
    {
        try
        {
            return await query(sweepId);
        }
        catch (KeyNotFoundException)
        {
            throw new CliException($"sweep '{sweepId}' not found", ExitCodes.NotFound, "sc sweep list shows the sweeps this cluster knows");
        }
    }
}
