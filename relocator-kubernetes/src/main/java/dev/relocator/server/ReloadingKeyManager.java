package dev.relocator.server;

import dev.relocator.tls.Issued;
import dev.relocator.tls.Pem;
import dev.relocator.tls.TlsException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key material behind one indirection: every TLS handshake asks this key manager,
 * and {@link #update} swaps what it answers. Open connections keep the session they negotiated;
 * new ones get the new certificate, and no listener is ever rebuilt.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private static final char[] NO_PASSWORD = new char[0];

  private volatile X509ExtendedKeyManager delegate;

  ReloadingKeyManager(byte[] certPem, byte[] keyPem, String source) {
    this.delegate = load(certPem, keyPem, source);
  }

  /** Serves {@code certPem} and {@code keyPem} from the next handshake on; throws if unusable. */
  void update(byte[] certPem, byte[] keyPem, String source) {
    delegate = load(certPem, keyPem, source);
  }

  static X509ExtendedKeyManager load(byte[] certPem, byte[] keyPem, String source) {
    try {
      List<X509Certificate> chain = Pem.parseCertificates(new String(certPem, StandardCharsets.US_ASCII), source);
      PrivateKey key = Pem.parsePrivateKey(new String(keyPem, StandardCharsets.US_ASCII), source);
      // A certificate and key from different pairs (one file replaced before the other) is refused;
      // a key of an algorithm without a probe is left to the TLS stack.
      X509Certificate leaf = chain.get(0);
      if (Issued.probeAlgorithm(leaf.getPublicKey().getAlgorithm()) != null && !belongs(key, leaf, source)) {
        throw new ServerException(source + ": the private key does not belong to the certificate");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      for (KeyManager km : factory.getKeyManagers()) {
        if (km instanceof X509ExtendedKeyManager x) {
          return x;
        }
      }
      throw new ServerException(source + ": the JDK offers no X.509 key manager");
    } catch (TlsException e) {
      throw new ServerException(e.getMessage(), e);
    } catch (IOException | GeneralSecurityException e) {
      throw new ServerException(source + ": unusable key pair: " + e.getMessage(), e);
    }
  }

  private static boolean belongs(PrivateKey key, X509Certificate leaf, String source) {
    try {
      return Issued.belongs(key, leaf);
    } catch (TlsException e) {
      throw new ServerException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return delegate.getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return delegate.chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return delegate.chooseEngineClientAlias(keyType, issuers, engine);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
  }
}
