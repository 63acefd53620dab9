using Trainyard.Interop;

namespace Trainyard.Tests.Interop;

public sealed class XGBoostLibraryTests
{
    [Fact]
    public void AConfiguredPathThatDoesNotLoadSaysWhatWasTriedAndHowToInstall()
    {
        var library = new XGBoostLibrary("/nonexistent/trainyard-test/libxgboost.so");

        var error = Assert.Throws<TrainyardException>(() => library.Load());

        Assert.Contains("tried /nonexistent/trainyard-test/libxgboost.so, the path in TRAINYARD_XGBOOST_LIBRARY", error.Message);
        Assert.Contains("sudo apt-get install libxgboost0", error.Message);
        Assert.Contains("set TRAINYARD_XGBOOST_LIBRARY", error.Message);
    }

    [Fact]
    public void AFileThatIsNotALibraryIsReportedWithTheLoadersReason()
    {
        var notALibrary = Path.GetTempFileName();
        try
        {
            File.WriteAllText(notALibrary, "not an ELF file");

            var error = Assert.Throws<TrainyardException>(() => new XGBoostLibrary(notALibrary).Load());

            Assert.Contains(notALibrary, error.Message);
            Assert.Contains("Loader said:", error.Message);
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }

    [Fact]
    public void WithoutAConfiguredPathTheUsualNamesAreSearched()
    {
        Assert.Equal(["libxgboost.so.0", "libxgboost.so", "xgboost"], new XGBoostLibrary(null).Candidates);
        Assert.Equal(["/opt/x/libxgboost.so"], new XGBoostLibrary("/opt/x/libxgboost.so").Candidates);
    }

    [Fact]
    public void TheLoadedLibraryIsDebiansXgboost174()
    {
        Assert.Equal("1.7.4", XGBoostLibrary.Version());
    }
}
