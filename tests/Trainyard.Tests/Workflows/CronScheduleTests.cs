using Trainyard.Targets.Workflows;

namespace Trainyard.Tests.Workflows;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 6 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 6 * * 1-5")]
    [InlineData("30 5,17 1-7/2 JAN-MAR mon")]
    [InlineData("0 0 31 12 SUN")]
    public void ValidSchedulesPass(string cron) => Assert.Null(CronSchedule.Problem(cron));

    [Theory]
    [InlineData("0 6 * *", "5 fields")]
    [InlineData("0 6 * * * *", "has 6")]
    [InlineData("60 6 * * *", "the minute field \"60\" has 60, out of range 0-59")]
    [InlineData("0 24 * * *", "the hour field \"24\" has 24, out of range 0-23")]
    [InlineData("0 6 0 * *", "the day-of-month field \"0\" has 0, out of range 1-31")]
    [InlineData("0 6 * 13 *", "the month field \"13\"")]
    [InlineData("0 6 * * 7", "the day-of-week field \"7\" has 7, out of range 0-6")]
    [InlineData("0 6 * * MONDAY", "the day-of-week field \"MONDAY\" has \"MONDAY\", not a number 0-6 or SUN-SAT")]
    [InlineData("*/0 * * * *", "the minute field \"*/0\" has a step \"0\"")]
    [InlineData("0 17-9 * * *", "the hour field \"17-9\" has the range 17-9, which runs backwards")]
    [InlineData("0 6,,7 * * *", "the hour field \"6,,7\"")]
    public void AnInvalidScheduleNamesTheField(string cron, string expected) =>
        Assert.Contains(expected, CronSchedule.Problem(cron));
}
