using Microsoft.Extensions.Options;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.Privacy;

public sealed class UserPseudonymiserTests
{
    [Fact]
    public void Pseudonymise_KnownKeyAndId_GivesTruncatedHmacSha256InHex()
    {
        // HMAC-SHA256(key, "u-5521873"), first 16 bytes, computed independently of this code.
        Assert.Equal("7ca8c90cf3058ff64c5d273492835125", TestPipeline.Pseudonymiser().Pseudonymise("u-5521873"));
        Assert.Equal("ef93b947edae7975cd7a5215a1af3067", TestPipeline.Pseudonymiser().Pseudonymise("ü-1"));
    }

    [Fact]
    public void Pseudonymise_StringAndItsUtf8Bytes_GiveTheSamePseudonym()
    {
        var pseudonymiser = TestPipeline.Pseudonymiser();

        Assert.Equal(pseudonymiser.Pseudonymise("ü-1"), pseudonymiser.Pseudonymise("ü-1"u8));
    }

    [Fact]
    public void Pseudonymise_LongId_HashesAllOfIt()
    {
        var pseudonymiser = TestPipeline.Pseudonymiser();
        var id = new string('u', 1000);

        Assert.NotEqual(pseudonymiser.Pseudonymise(id), pseudonymiser.Pseudonymise(id + "x"));
        Assert.Equal(UserPseudonymiser.PseudonymLength, pseudonymiser.Pseudonymise(id).Length);
    }

    [Fact]
    public void Pseudonymise_OtherKey_GivesOtherPseudonym()
    {
        var other = new UserPseudonymiser(new PrivacyOptions { PseudonymKey = TestPipeline.PseudonymKey + "-rotated" });

        Assert.NotEqual(TestPipeline.Pseudonymiser().Pseudonymise("u-5521873"), other.Pseudonymise("u-5521873"));
    }

    [Theory]
    [InlineData(null, "Privacy:PseudonymKey is required")]
    [InlineData("   ", "Privacy:PseudonymKey is required")]
    [InlineData("short-secret-of-31-bytes-......", "Privacy:PseudonymKey is too short")]
    public void Constructor_UnusableKey_FailsNamingTheKeyWithoutShowingIt(string? key, string expected)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new UserPseudonymiser(new PrivacyOptions { PseudonymKey = key }));

        Assert.StartsWith(expected, Assert.Single(exception.Failures), StringComparison.Ordinal);
        if (key is { Length: > 3 })
        {
            Assert.DoesNotContain(key.Trim(), exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_DoesNotShowTheKey() =>
        Assert.DoesNotContain(TestPipeline.PseudonymKey, TestPipeline.Pseudonymiser().ToString(), StringComparison.Ordinal);
}
