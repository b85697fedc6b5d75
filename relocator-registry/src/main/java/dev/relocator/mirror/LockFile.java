package dev.relocator.mirror;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.relocator.IoErrors;
import dev.relocator.JsonErrors;
import dev.relocator.image.Digest;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.oci.Platform;
import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a mirror run produced, pinned: for each image its source reference and digest, the target
 * reference with the digest stored there, and the platforms copied. Written as YAML.
 */
public record LockFile(List<Entry> images) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);

  /**
   * One image: {@code target} carries {@code @digest} of what is stored; {@code artifacts} the
   * signatures, attestations, SBOMs and referrers carried with it.
   */
  public record Entry(String source, Digest sourceDigest, String target, List<Platform> platforms,
      List<Attachment> artifacts) {
    public Entry {
      platforms = List.copyOf(platforms);
      artifacts = List.copyOf(artifacts);
    }

    /** An image without attached artifacts. */
    public Entry(String source, Digest sourceDigest, String target, List<Platform> platforms) {
      this(source, sourceDigest, target, platforms, List.of());
    }
  }

  /** Wire form: strings only, so the YAML stays plain. */
  record EntryTemplate(String source, String sourceDigest, String target, List<String> platforms,
      List<ArtifactTemplate> artifacts) {}

  /** A carried artifact: its cosign {@code tag} or its {@code artifactType}, its digest and what it is attached to. */
  record ArtifactTemplate(String tag, String artifactType, String digest, String subject) {}

  record Template(List<EntryTemplate> images) {}

  public LockFile {
    images = List.copyOf(images);
  }

  /** The lock of every image {@code result} copied (failures have no entry). */
  public static LockFile of(MirrorResult result) {
    List<Entry> entries = new ArrayList<>();
    for (ImageResult image : result.images()) {
      String target = image.task().target() instanceof ImageLocation.Registry r
          ? r.reference().withDigest(image.targetDigest()).toString()
          : image.task().target() + "@" + image.targetDigest();
      entries.add(new Entry(image.task().source().toString(), image.sourceDigest(), target, image.platforms(),
          image.attachments()));
    }
    return new LockFile(entries);
  }

  public String toYaml() {
    List<EntryTemplate> templates = new ArrayList<>();
    for (Entry e : images) {
      templates.add(new EntryTemplate(e.source(), e.sourceDigest().toString(), e.target(),
          e.platforms().stream().map(Platform::toString).toList(), e.artifacts().stream().map(LockFile::template).toList()));
    }
    try {
      return YAML.writeValueAsString(new Template(templates));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise lock file", e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, toYaml());
    } catch (IOException e) {
      throw new RegistryException("write lock file " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /** Reads a lock file; errors name the file and the entry. */
  public static LockFile read(Path file) {
    Template template;
    try {
      template = YAML.readValue(file.toFile(), Template.class);
    } catch (IOException e) {
      throw new RegistryException("read lock file " + file + ": " + (e instanceof NoSuchFileException
          || e instanceof java.io.FileNotFoundException ? IoErrors.reason(e) : JsonErrors.describe(e)), e);
    }
    List<Entry> entries = new ArrayList<>();
    List<EntryTemplate> images = template == null || template.images() == null ? List.of() : template.images();
    for (int i = 0; i < images.size(); i++) {
      EntryTemplate t = images.get(i);
      try {
        entries.add(new Entry(t.source(), Digest.parse(t.sourceDigest()), t.target(),
            t.platforms() == null ? List.of() : t.platforms().stream().map(Platform::parse).toList(),
            t.artifacts() == null ? List.of() : t.artifacts().stream().map(LockFile::attachment).toList()));
      } catch (InvalidReferenceException | IllegalArgumentException | NullPointerException e) {
        throw new RegistryException(file + ": images[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new LockFile(entries);
  }

  private static ArtifactTemplate template(Attachment a) {
    boolean tag = a.kind() == Attachment.Kind.TAG;
    return new ArtifactTemplate(tag ? a.name() : null, tag || a.name().isEmpty() ? null : a.name(), a.digest().toString(),
        a.subject() == null ? null : a.subject().toString());
  }

  private static Attachment attachment(ArtifactTemplate t) {
    return t.tag() != null
        ? new Attachment(Attachment.Kind.TAG, t.tag(), Digest.parse(t.digest()), t.subject() == null ? null : Digest.parse(t.subject()))
        : new Attachment(Attachment.Kind.REFERRER, t.artifactType(), Digest.parse(t.digest()),
            t.subject() == null ? null : Digest.parse(t.subject()));
  }
}
