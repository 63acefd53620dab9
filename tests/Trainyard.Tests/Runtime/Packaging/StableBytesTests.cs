using System.Text;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

/// <summary>
/// The package's JSON must keep its exact bytes across changes to how it is serialized (a model's digest is its
/// identity in every registry). Expected digests were recorded from the reflection-based System.Text.Json
/// serializer, at commit 203570b, before the switch to source-generated JSON: an independent implementation of the
/// same options.
/// </summary>
public sealed class StableBytesTests
{
    [Theory]
    [InlineData("credit", "sha256:439ee557bdc8126c6b4dca63bac36dc73fe0b9cdade247a2a963418caea8cb32", "sha256:50790761eab9e62eaeac312c0836a61ecd6e721fee587176f21219614c168274", "sha256:936680a58c0a4cb673453ad75d5f5a3a815359a0737a045ef69bd789846b1e71", "sha256:c867fd9c07f0b22bc221389ee579239d91c84f808136a583c1eccf80cf5b8af7", "sha256:4f841daab7cf6b2ba222e923d8c1084eec7cb4ac51cce921a62248443e09be08")]
    [InlineData("penguins", "sha256:16ebc914e918247669c1ca2b6d038c6db01505155bcd06f420a9e040447d1643", "sha256:7e727af3f715565a0d4926e8b1a425dd35e5bfed577dfcb4376502db6ba6e7e4", "sha256:7b1b12d5fa5ae7c7a3bfd9fccd54e4188502899de12427be5f31df084d167525", "sha256:4475a57b153a65e569acf7d74c20f79ebbea6e9aca076245343e632a7dead7c5", "sha256:017085ec8cc34d0a98208310322890e00f2276880efc1b7bc0064a0639e077c2")]
    [InlineData("ames", "sha256:e48d7049abe850a6192f40af45fe5f2899c9e873c3dc7af9e78934a7b41a2954", "sha256:590948ee16dd0e807ddb08bf8849e4bbd66d527cd050a574c658f62de62144ac", "sha256:bd823a1af0c3a2c96e4c2d9227d344d97efefd40d9a67ae991e665b8672b39f9", "sha256:e954806cb4669aa1bdfef2eb46131822c8f1e373f4a17e68d328dc54148c381b", "sha256:acee37d29b2484309bc63f77d85545a32a8a818387fa06cd0436a8284b22950f")]
    public async Task APackagePackedFromFixedInputsHasTheDigestsItHadBeforeSourceGeneratedJson(
        string fixture, string manifest, string config, string signature, string example, string featurizer)
    {
        var package = await FixturePackage.CreateAsync(fixture);
        var packed = package.Pack();

        Assert.Equal((manifest, config, signature, example), (packed.Digest, packed.Config.Descriptor.Digest,
            FixturePackage.Layer(packed, PackageFiles.Signature).Descriptor.Digest, FixturePackage.Layer(packed, PackageFiles.Example).Descriptor.Digest));
        Assert.Equal(featurizer, OciBlobs.DigestOf(Encoding.UTF8.GetBytes(FeaturizerJson.Write(package.ReadFeaturizer()))));
    }

    [Fact]
    public void AnImageIndexHasTheBytesItHadBeforeSourceGeneratedJson()
    {
        var manifest = new OciDescriptor(OciManifest.MediaTypeName, "sha256:" + new string('a', 64), 1234,
            new Dictionary<string, string> { [OciIndex.RefNameAnnotation] = "v1+candidate" }, "application/vnd.trainyard.model.v1");
        var plain = new OciDescriptor(OciManifest.MediaTypeName, "sha256:" + new string('b', 64), 99);
        var index = new OciIndex([manifest, plain], new Dictionary<string, string> { ["z"] = "1", ["a"] = "<&>" });

        Assert.Equal("""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":1234,"annotations":{"org.opencontainers.image.ref.name":"v1+candidate"},"artifactType":"application/vnd.trainyard.model.v1"},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":99}],"annotations":{"z":"1","a":"<&>"}}
            """, Encoding.UTF8.GetString(index.ToJson()));
    }
}
