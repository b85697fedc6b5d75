package dev.relocator.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
  @TempDir Path dir;

  @Test
  void theExitHookDeletesWhatIsStillBeingWritten() throws Exception {
    Path writing = TempFiles.create(dir, ".upload-");
    Files.writeString(writing, "partial");

    TempFiles.deleteOpen();

    assertThat(writing).doesNotExist();
    TempFiles.done(writing); // the writer's own finally, after the hook: nothing left to do
  }

  @Test
  void aFileMovedIntoPlaceIsForgottenAndNotTouchedAtExit() throws Exception {
    Path writing = TempFiles.create(dir, ".upload-");
    Path blob = dir.resolve("blob");
    Files.move(writing, blob);
    TempFiles.done(writing);
    Files.writeString(writing, "a new file under the old name");

    TempFiles.deleteOpen();

    assertThat(blob).exists();
    assertThat(writing).exists();
    assertThat(writing.getFileName().toString()).startsWith(".upload-").endsWith(".tmp");
  }
}
