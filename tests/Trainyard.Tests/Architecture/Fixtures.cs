using System.Runtime.InteropServices;

// Types that break one architecture rule each, so the tests can show every rule fails when it should. Each uses the
// forbidden type only inside a method body, to show the IL is read and not just signatures or assembly references.
// They are never called.

namespace Trainyard.Tests.Architecture.Fixtures.BuildTime
{
    internal static class WritesToTheConsole
    {
        public static void Write() => Spectre.Console.AnsiConsole.WriteLine("build-time output");
    }

    internal static class ReadsYaml
    {
        public static object Read() => new YamlDotNet.Serialization.DeserializerBuilder().Build();
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.Native
{
    internal static class CallsXGBoost
    {
        [DllImport("xgboost")]
        public static extern int XGBoosterCreate(IntPtr[] matrices, ulong count, out IntPtr booster);
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.MLNet
{
    internal static class TrainsWithMLNet
    {
        public static object Context() => new Microsoft.ML.MLContext();
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.MachineLearning
{
    internal static class KnowsTheModelFormat
    {
        public static bool IsModelError(Exception error) => error is Trainyard.Runtime.ModelFormatException;
    }

    internal static class KnowsTheComponents
    {
        public static bool Trains(object build) => build is Trainyard.Components.ITrain;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.Concern
{
    internal static class TrainingRun
    {
        public static bool Trains(object build) => build is Trainyard.Components.ITrain;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.DockerLibrary
{
    internal static class SmokeTest
    {
        public static IDisposable Connect() => new global::Docker.DotNet.DockerClientBuilder().Build();
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.TrainingOnEvaluation
{
    internal static class FindsTheBaseline
    {
        public static bool IsBaseline(object found) => found is Trainyard.Evaluation.ModelBaseline;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.RegistryOnEvaluation
{
    internal static class FindsTheBaseline
    {
        public static bool IsBaseline(object found) => found is Trainyard.Evaluation.ModelBaseline;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.RegistryOnReporting
{
    internal static class ReadsTheReport
    {
        public static bool IsReport(object inputs) => inputs is Trainyard.Reporting.ReportInputs;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.EvaluationOnReporting
{
    internal static class ReadsTheReport
    {
        public static bool IsReport(object inputs) => inputs is Trainyard.Reporting.ReportInputs;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.OnPackaging
{
    internal static class ReadsTheOrigin
    {
        public static object Origin() => Trainyard.Packaging.RunLineage.OriginFrom(new Dictionary<string, string>());
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.ArtifactsOnConcerns
{
    internal static class ReadsTheReportInputs
    {
        public static bool IsInput(object found) => found is Trainyard.Reporting.ReportInputs or Trainyard.Evaluation.ModelBaseline;
    }
}

// Two folders that import each other, and one that only imports them (not part of the cycle).
namespace Trainyard.Tests.Architecture.Fixtures.Cycle.Left
{
    internal sealed record Order(Right.Invoice? Invoice);
}

namespace Trainyard.Tests.Architecture.Fixtures.Cycle.Right
{
    internal sealed record Invoice(Left.Order? Order);
}

namespace Trainyard.Tests.Architecture.Fixtures.Cycle.Above
{
    internal sealed record Ledger(Left.Order Order, Right.Invoice Invoice);
}

namespace Trainyard.Tests.Architecture.Fixtures.OnDeploy
{
    internal static class JudgesAStep
    {
        public static bool IsVerdict(object found) => found is Trainyard.Deploy.Analysis.StepVerdict;
    }
}

namespace Trainyard.Tests.Architecture.Fixtures.Clean
{
    /// <summary>Keeps every rule: uses the base library only.</summary>
    internal static class Arithmetic
    {
        public static Task<int> AddAsync(int a, int b) => Task.Run(() => checked(a + b));
    }
}
