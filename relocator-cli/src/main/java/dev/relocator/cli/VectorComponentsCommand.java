package dev.relocator.cli;

import dev.relocator.TextFiles;
import dev.relocator.vector.ComponentOverwrites;
import dev.relocator.vector.OverwriteInjector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relocator vector components}: a component's overwrite injected into its Deployment. */
@Command(
    name = "components",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Inject a component's image vector overwrite (from an IMAGEVECTOR_OVERWRITE_COMPONENTS file) into"
          + " its Deployment: prints an immutable ConfigMap named with a checksum of its content and the"
          + " Deployment patched with the volume, the mount and IMAGEVECTOR_OVERWRITE.",
      "The whole components file is validated first; exits 1 when it is invalid."
    })
final class VectorComponentsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--components", required = true, paramLabel = "FILE", description = "The components file.")
  Path components;

  @Option(names = "--component", required = true, paramLabel = "NAME", description = "The component to inject.")
  String component;

  @Option(names = "--deployment", required = true, paramLabel = "FILE", description = "The component's Deployment manifest.")
  Path deployment;

  @Option(names = "--container", paramLabel = "NAME", description = "The container to patch (default: the first).")
  String container;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ComponentOverwrites file = ComponentOverwrites.readFile(components);
    VectorCommand.print(err, file.diagnostics());
    if (file.hasErrors()) {
      err.println("relocator: " + components + " is invalid: fix the errors above");
      err.flush();
      return ExitCodes.FAILURE;
    }
    String manifest = TextFiles.read(deployment);
    OverwriteInjector.Injection injection =
        OverwriteInjector.inject(file, component, deployment.toString(), manifest, container);
    spec.commandLine().getOut().print(injection.toYaml());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
