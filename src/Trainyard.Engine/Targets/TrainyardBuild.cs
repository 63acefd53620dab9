using System.Collections;
using System.Linq.Expressions;
using Spectre.Console;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets;

/// <summary>
/// The base of a repository's build class: <c>class Build : TrainyardBuild, ITrain { static int Main(string[] args) => Execute&lt;Build&gt;(args); }</c>.
/// </summary>
public abstract class TrainyardBuild : ITrainyardBuild
{
    private IReadOnlyDictionary<string, ResolvedParameter> _parameters = new Dictionary<string, ResolvedParameter>();
    private BuildContext? _context;

    public BuildContext Context => _context ?? throw new InvalidOperationException("The build context exists once the build runs.");

    public T? TryGetValue<T>(Expression<Func<T>> parameter) =>
        _parameters.TryGetValue(ParameterReference.MemberName(parameter), out var resolved) &&
        resolved.Source != ParameterSource.Default && resolved.Value is T value
            ? value
            : default;

    /// <summary>A component's view of this build, to reach its default targets and parameters: <c>From&lt;ITrain&gt;().Train</c>.</summary>
    protected T From<T>() where T : ITrainyardBuild => (T)(ITrainyardBuild)this;

    /// <summary>
    /// A new instance of this build's type given only these parameters (and the committed parameters file, but not
    /// the environment), to read what its targets declare for them without running anything: the generated
    /// workflows come from such an instance, so they do not depend on who generates them.
    /// </summary>
    internal TrainyardBuild WithParameters(IReadOnlyList<(string Name, string Value)> given)
    {
        var copy = (TrainyardBuild)(Activator.CreateInstance(GetType())
            ?? throw new InvalidOperationException($"{GetType().Name} needs a constructor without parameters."));
        var none = new Dictionary<string, string>();
        var resolved = ParameterResolver.Resolve(ParameterDiscovery.Discover(GetType()), given, none, Context.RootDirectory);
        foreach (var r in resolved.Values.Where(r => r.Parameter.IsInjected && r.Source != ParameterSource.Default))
            r.Parameter.Inject(copy, r.Value);
        copy._parameters = resolved;
        copy._context = new BuildContext
        {
            RootDirectory = Context.RootDirectory,
            Console = Context.Console,
            CancellationToken = Context.CancellationToken,
            Environment = none,
        };
        return copy;
    }

    /// <summary>Runs the build in this process: real environment, console, current directory; Ctrl+C cancels.</summary>
    public static int Execute<TBuild>(string[] args) where TBuild : TrainyardBuild, new()
    {
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C lets targets stop cleanly; a second one ends the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
            var environment = new BuildEnvironment(Directory.GetCurrentDirectory(), variables, ProcessConsole(variables), cancellation.Token);
            return RunAsync(new TBuild(), args, environment).GetAwaiter().GetResult().ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>
    /// The terminal as Spectre detects it, except that output redirected to a file or pipe gets no colour codes
    /// (GitHub Actions renders them, so its logs keep colour) and a wide page, so tables and paths do not wrap at 80.
    /// </summary>
    private static IAnsiConsole ProcessConsole(IReadOnlyDictionary<string, string> variables)
    {
        if (!Console.IsOutputRedirected) return AnsiConsole.Console;
        var gitHubActions = variables.TryGetValue("GITHUB_ACTIONS", out var ci) && ci.Equals("true", StringComparison.OrdinalIgnoreCase);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = gitHubActions ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = gitHubActions ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>The whole build, without touching process-wide state: tests call this directly.</summary>
    internal static async Task<BuildResult> RunAsync(TrainyardBuild build, IReadOnlyList<string> args, BuildEnvironment environment)
    {
        var gitHubActions = environment.Variables.TryGetValue("GITHUB_ACTIONS", out var ci) && ci.Equals("true", StringComparison.OrdinalIgnoreCase);
        var output = new BuildOutput(environment.Console, gitHubActions, ExpectedFailures.For(build.GetType()));
        try
        {
            PackageVersions.Check(PackageVersions.Of(build.GetType()));
            var parameters = ParameterDiscovery.Discover(build.GetType());
            var flags = parameters.Where(p => p.IsFlag).Select(p => ParameterNames.Key(p.Name)).ToHashSet();
            var commandLine = CommandLine.Parse(args, name => flags.Contains(ParameterNames.Key(name)));
            var root = RootDirectory.Find(environment.CurrentDirectory, commandLine.Root);

            var resolved = ParameterResolver.Resolve(parameters, commandLine.Parameters, environment.Variables, root);
            foreach (var r in resolved.Values.Where(r => r.Parameter.IsInjected && r.Source != ParameterSource.Default))
                r.Parameter.Inject(build, r.Value);
            build._parameters = resolved;
            build._context = new BuildContext
            {
                RootDirectory = root,
                Console = environment.Console,
                CancellationToken = environment.CancellationToken,
                Environment = environment.Variables,
                JsonOutput = commandLine.Format == PlanFormat.Json,
                Force = commandLine.Force,
            };

            var targets = TargetDiscovery.Discover(build);
            if (commandLine.Help || commandLine.Targets.Count == 0)
            {
                HelpText.Write(environment.Console, targets, parameters.Select(p => resolved[p.Name]).ToList(), build);
                return new BuildResult(BuildResult.Success, []);
            }
            var plan = TargetPlanner.Plan(targets, commandLine.Targets, commandLine.SkipAllNotInvoked, commandLine.Skip);
            if (commandLine.Plan)
            {
                PlanText.Write(output, plan, commandLine.Format);
                return new BuildResult(BuildResult.Success, []);
            }
            Requirements.Check(plan, parameters);
            build._context.ScheduledTargets = [.. plan.Where(p => !p.Skipped).Select(p => p.Target.Name)];

            var secrets = parameters.Where(p => p.IsSecret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var runner = new TargetRunner(build.Context, output, commandLine.Force, secrets, Fingerprint.ToolVersionOf(build.GetType()));
            var outcomes = await runner.RunAsync(plan);

            Summary.Write(environment.Console, outcomes);
            if (gitHubActions && environment.Variables.TryGetValue("GITHUB_STEP_SUMMARY", out var summaryFile) && summaryFile != "")
                await File.AppendAllTextAsync(summaryFile, GitHubActions.SummaryMarkdown(outcomes));
            var exitCode = runner.UsageFailed ? BuildResult.UsageError
                : outcomes.Any(o => o.Status == TargetStatus.Failed) ? BuildResult.Failure
                : BuildResult.Success;
            return new BuildResult(exitCode, outcomes);
        }
        catch (Exception thrown)
        {
            // Target and parameter properties are read through reflection; report what they threw, not the wrapper.
            var e = thrown is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : thrown;
            output.Failure("build", e);
            return new BuildResult(e is UsageException ? BuildResult.UsageError : BuildResult.Failure, []);
        }
    }
}
