package dev.relocator.image;

import static dev.relocator.image.ReferenceTables.expand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs Docker refuses, each with the precise reason Relocator gives. The message always
 * starts with {@code invalid reference "<input>": }.
 */
class ImageReferenceInvalidTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # missing or empty parts
      :justtag                          | repository name must have at least one component
      @<d256>                           | repository name must have at least one component
      localhost:5000/                   | repository name must have at least one component
      docker/                           | repository name must not contain an empty path component (a leading, trailing or doubled '/')
      docker///docker                   | repository name must not contain an empty path component (a leading, trailing or doubled '/')
      docker.io/docker///docker         | repository name must not contain an empty path component (a leading, trailing or doubled '/')
      /foo                              | repository name must not contain an empty path component (a leading, trailing or doubled '/')
      # lowercase paths
      Uppercase:tag                     | repository name must be lowercase
      docker/Docker                     | repository name must be lowercase
      docker.io/Foo/bar                 | repository name must be lowercase
      docker.io/docker/Docker           | repository name must be lowercase
      test:5000/Uppercase/lowercase:tag | repository name must be lowercase
      example.com/fooBar                | repository name must be lowercase
      # separators
      -docker                           | path component "-docker" must start with a lowercase letter or digit
      -docker/docker                    | path component "-docker" must start with a lowercase letter or digit
      _docker/_docker                   | path component "_docker" must start with a lowercase letter or digit
      ____/____                         | path component "____" must start with a lowercase letter or digit
      docker-/docker                    | path component "docker-" must end with a lowercase letter or digit
      -docker-/docker                   | path component "-docker-" must start with a lowercase letter or digit
      foo/bar_:tag                      | path component "bar_" must end with a lowercase letter or digit
      foo/bar.@<d256>                   | path component "bar." must end with a lowercase letter or digit
      dock_.er                          | path component "dock_.er" joins letters and digits with "_."; only one '.', one or two '_', or a run of '-' may
      dock-.er                          | path component "dock-.er" joins letters and digits with "-."; only one '.', one or two '_', or a run of '-' may
      foo/a___b                         | path component "a___b" joins letters and digits with "___"; only one '.', one or two '_', or a run of '-' may
      example.com/dock..er              | path component "dock..er" joins letters and digits with ".."; only one '.', one or two '_', or a run of '-' may
      # characters
      aa/asdf$$^/aa                     | '$' at position 8 is not allowed in a repository name
      `foo bar`                         | U+0020 at position 4 is not allowed in a repository name
      foo/bär                           | U+00E4 at position 6 is not allowed in a repository name
      [fc00::1]                         | '[' at position 1 is not allowed in a repository name
      [fc00::1]:5000                    | '[' at position 1 is not allowed in a repository name
      [2001:db8::1]:tag                 | '[' at position 1 is not allowed in a repository name
      # registry hosts
      https://github.com/docker/docker  | a reference has no URL scheme; remove "https://"
      fc00::1:5000/debian               | registry port in "fc00::1:5000" must be digits
      foo.com:/bar                      | registry port in "foo.com:" must be digits
      foo.com:80a/bar                   | registry port in "foo.com:80a" must be digits
      -docker.io/docker/docker          | registry host "-docker.io" is not a valid host name (labels are letters, digits and inner '-', joined by single '.')
      foo-.com/bar                      | registry host "foo-.com" is not a valid host name (labels are letters, digits and inner '-', joined by single '.')
      foo..com/bar                      | registry host "foo..com" is not a valid host name (labels are letters, digits and inner '-', joined by single '.')
      .foo.com/bar                      | registry host ".foo.com" is not a valid host name (labels are letters, digits and inner '-', joined by single '.')
      foo.com./bar                      | registry host "foo.com." is not a valid host name (labels are letters, digits and inner '-', joined by single '.')
      a_b.c/d                           | registry host "a_b.c" is not a valid host name: '_' is not allowed
      Foo_Bar/baz                       | registry host "Foo_Bar" is not a valid host name: '_' is not allowed
      [fe80::1%eth0]:5000/debian        | registry host "[fe80::1%eth0]:5000" is not a valid IPv6 address in brackets (hex digits and ':' only, no zone)
      [2001:db8:3:4::192.0.2.33]:5000/debian | registry host "[2001:db8:3:4::192.0.2.33]:5000" is not a valid IPv6 address in brackets (hex digits and ':' only, no zone)
      []:5000/foo                       | registry host "[]:5000" is not a valid IPv6 address in brackets (hex digits and ':' only, no zone)
      [::1:5000/foo                     | registry host "[::1:5000" is not a valid IPv6 address in brackets (hex digits and ':' only, no zone)
      [::1]x/foo                        | registry host "[::1]x" is not a valid host name: 'x' is not allowed
      [::1]:/foo                        | registry port in "[::1]:" must be digits
      # tags
      foo:                              | tag is empty
      foo:@<d256>                       | tag is empty
      foo:-x                            | tag must start with a letter, digit or '_', found '-'
      foo:.x                            | tag must start with a letter, digit or '_', found '.'
      foo/bar:a/b                       | '/' at position 10 is not allowed in a tag
      nginx:1.25:extra                  | ':' at position 11 is not allowed in a tag
      nginx:1+2                         | '+' at position 8 is not allowed in a tag
      # digests
      foo@                              | digest must have the form algorithm:hex, e.g. sha256:<64 hex>
      foo:tag@sha256                    | digest must have the form algorithm:hex, e.g. sha256:<64 hex>
      foo@sha256:abc                    | sha256 digest must have 64 hex characters, found 3
      foo@sha256:                       | sha256 digest must have 64 hex characters, found 0
      foo@sha256:<hex63>                | sha256 digest must have 64 hex characters, found 63
      foo@sha256:<hex65>                | sha256 digest must have 64 hex characters, found 65
      foo@sha512:<hex64>                | sha512 digest must have 128 hex characters, found 64
      foo@sha384:<hex64>                | sha384 digest must have 96 hex characters, found 64
      foo@<d256>@<d256>                 | sha256 digest must have 64 hex characters, found 136
      foo@sha256:<HEX64>                | sha256 digest must be lowercase hex, found 'A' at position 12
      foo@blake3:<hex64>                | unsupported digest algorithm "blake3" (supported: sha256, sha384, sha512)
      validname@invaliddigest:<hex64>   | unsupported digest algorithm "invaliddigest" (supported: sha256, sha384, sha512)
      foo@sha256+b64:<hex64>            | unsupported digest algorithm "sha256+b64" (supported: sha256, sha384, sha512)
      foo@SHA256:<hex64>                | unsupported digest algorithm "SHA256" (supported: sha256, sha384, sha512)
      foo@1sha:<hex64>                  | digest algorithm "1sha" is malformed
      foo@sha-:<hex64>                  | digest algorithm "sha-" is malformed
      foo@:<hex64>                      | digest algorithm "" is malformed
      # image IDs
      <hex64>                           | a 64-character hexadecimal string is an image ID, not a repository name
      """)
  void rejectsWithAPreciseReason(String input, String reason) {
    String text = expand(input);

    InvalidReferenceException e =
        catchThrowableOfType(InvalidReferenceException.class, () -> ImageReference.parse(text));

    assertThat(e).as("parse(%s) must fail", text).isNotNull();
    assertThat(e.reason()).isEqualTo(expand(reason));
    assertThat(e.input()).isEqualTo(text);
    assertThat(e.getMessage()).isEqualTo("invalid reference \"" + text + "\": " + expand(reason));
  }

  @Test
  void emptyInputIsRejected() {
    InvalidReferenceException e =
        catchThrowableOfType(InvalidReferenceException.class, () -> ImageReference.parse(""));

    assertThat(e.getMessage()).isEqualTo("invalid reference \"\": reference is empty");
  }

  @Test
  void controlCharactersInTheInputAreEscapedInTheMessage() {
    InvalidReferenceException e =
        catchThrowableOfType(InvalidReferenceException.class, () -> ImageReference.parse("nginx\nINFO fake"));

    assertThat(e.getMessage())
        .doesNotContain("\n")
        .isEqualTo("invalid reference \"nginx\\u000aINFO fake\": U+000A at position 6 is not allowed in a repository name");
  }

  @Test
  void veryLongInputsAreShortenedInTheMessageButKeptInInput() {
    String input = "a".repeat(5000) + "!";

    InvalidReferenceException e =
        catchThrowableOfType(InvalidReferenceException.class, () -> ImageReference.parse(input));

    assertThat(e.input()).isEqualTo(input);
    assertThat(e.getMessage()).hasSizeLessThan(400).contains("(5001 characters)");
  }
}
