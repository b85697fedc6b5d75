package dev.relocator.image;

/** Shared fixtures for the reference tests: digests and a placeholder expander for tables. */
final class ReferenceTables {
  static final String HEX64 = "a2de6636be9313e227543238a7582187538250e5a978ffd46481cf32112a8608";
  static final String HEX96 =
      "d5af7b1a199ff31546aa721c583d219d70fb1a10216e9854b062c0f5fecbe5c87b515bb628dce213b28325eb02d0d1d2";
  static final String HEX128 =
      "df9279234ecacaa6ed0b8bb8bf6ef2309f327dd5d4aaf28cc6b4c4a226eafbf2"
          + "8e4fd0fc4547e22d30ac30887810986969c3c67aa4e7e66e22288fcfa91f6a0d";
  static final String D256 = "sha256:" + HEX64;
  static final String D384 = "sha384:" + HEX96;
  static final String D512 = "sha512:" + HEX128;

  private ReferenceTables() {}

  /**
   * Expands table placeholders so rows stay readable: {@code <d256>}, {@code <d384>}, {@code
   * <d512>} are whole digests, {@code <hex64>} is 64 lowercase hex characters, {@code <HEX64>}
   * the same in uppercase, {@code <hex63>}/{@code <hex65>} one short or one long.
   */
  static String expand(String cell) {
    if (cell == null || cell.indexOf('<') < 0) {
      return cell;
    }
    return cell.replace("<d256>", D256)
        .replace("<d384>", D384)
        .replace("<d512>", D512)
        .replace("<hex64>", HEX64)
        .replace("<HEX64>", HEX64.toUpperCase(java.util.Locale.ROOT))
        .replace("<hex63>", HEX64.substring(1))
        .replace("<hex65>", HEX64 + "0");
  }
}
