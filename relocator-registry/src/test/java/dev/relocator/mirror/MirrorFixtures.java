package dev.relocator.mirror;

import dev.relocator.image.ImageReference;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tasks and stores the mirror tests build over their registries. */
final class MirrorFixtures {
  static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(1500));

  private MirrorFixtures() {}

  /** Stores whose clients treat {@code insecure} registries as Docker's insecure ones. */
  static ImageStores stores(CredentialProvider credentials, RetryPolicy retry, String... insecure) {
    RegistryTransport.Builder transport = RegistryTransport.builder();
    for (String registry : insecure) {
      transport.insecureRegistry(registry);
    }
    RegistryTransport built = transport.build();
    return new ImageStores(host -> RegistryClient.builder(host).transport(built).credentials(credentials)
        .retryPolicy(retry).build());
  }

  static ImageStores stores(String... insecure) {
    return stores(CredentialProvider.none(), QUICK, insecure);
  }

  /** Every image of the layout at {@code dir} to {@code registry/prefix<name>}. */
  static List<MirrorTask> fromLayout(Path dir, List<String> names, String registry, String prefix) {
    List<MirrorTask> tasks = new ArrayList<>();
    for (String name : names) {
      tasks.add(new MirrorTask(new ImageLocation.Layout(dir, name),
          new ImageLocation.Registry(ImageReference.parse(registry + "/" + prefix + name))));
    }
    return tasks;
  }

  /** {@code from/<fromPrefix><name>} to {@code to/<toPrefix><name>} for each name. */
  static List<MirrorTask> between(List<String> names, String from, String fromPrefix, String to, String toPrefix) {
    List<MirrorTask> tasks = new ArrayList<>();
    for (String name : names) {
      tasks.add(new MirrorTask(new ImageLocation.Registry(ImageReference.parse(from + "/" + fromPrefix + name)),
          new ImageLocation.Registry(ImageReference.parse(to + "/" + toPrefix + name))));
    }
    return tasks;
  }

  static List<String> names(TestImages images) {
    return images.names();
  }
}
