// Kernel tests: the kernelspec written by `workbench kernel install`.
using System.Text.Json.Nodes;
using Workbench.Kernel;

namespace Workbench.Tests.Kernel;

public sealed class KernelSpecTests
{
    [Fact]
    public void Install_writes_kernel_json_with_message_interrupts_and_png_logos()
    {
        string kernels = Path.Combine(Path.GetTempPath(), "wb-spec-" + Guid.NewGuid().ToString("N"));
        try
        {
            string folder = KernelSpec.Install(kernels, KernelSpec.DefaultName, KernelSpec.DefaultDisplayName, ["/usr/bin/dotnet", "/x/workbench.dll"]);

            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
            Assert.Equal(Path.Combine(kernels, ".net-csharp"), folder);
            Assert.Equal(["/usr/bin/dotnet", "/x/workbench.dll", "kernel", "--connection-file", "{connection_file}"],
                spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
            Assert.Equal(".NET (C#)", spec["display_name"]!.GetValue<string>());
            Assert.Equal("C#", spec["language"]!.GetValue<string>());
            // Without it Jupyter interrupts with SIGINT, which would kill a .NET process.
            Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
            byte[] logo = File.ReadAllBytes(Path.Combine(folder, "logo-64x64.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], logo[..4]);
            Assert.Equal(64, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(logo.AsSpan(16, 4)));
        }
        finally
        {
            if (Directory.Exists(kernels)) Directory.Delete(kernels, recursive: true);
        }
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("../escape")]
    [InlineData("")]
    public void Names_jupyter_would_not_accept_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => KernelSpec.Install(Path.GetTempPath(), name, "x", ["dotnet"]));
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Prefix_install_goes_where_jupyter_looks_for_a_prefix()
    {
        Assert.Equal(Path.Combine("/opt/env", "share", "jupyter", "kernels"), KernelSpec.PrefixKernelsDirectory("/opt/env"));
    }
}
