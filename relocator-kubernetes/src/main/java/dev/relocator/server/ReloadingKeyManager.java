package dev.relocator.server;

import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

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
      List<X509Certificate> chain = new ArrayList<>();
      JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
      try (PEMParser parser = new PEMParser(new StringReader(new String(certPem, StandardCharsets.US_ASCII)))) {
        Object o;
        while ((o = parser.readObject()) != null) {
          if (o instanceof X509CertificateHolder holder) {
            chain.add(certs.getCertificate(holder));
          }
        }
      }
      if (chain.isEmpty()) {
        throw new ServerException(source + ": no PEM certificate found");
      }
      PrivateKey key = null;
      JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
      try (PEMParser parser = new PEMParser(new StringReader(new String(keyPem, StandardCharsets.US_ASCII)))) {
        Object o;
        while (key == null && (o = parser.readObject()) != null) {
          if (o instanceof PEMKeyPair pair) {
            key = keys.getPrivateKey(pair.getPrivateKeyInfo());
          } else if (o instanceof PrivateKeyInfo info) {
            key = keys.getPrivateKey(info);
          }
        }
      }
      if (key == null) {
        throw new ServerException(source + ": no unencrypted PEM private key found");
      }
      requireMatching(key, chain.get(0), source);
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
    } catch (IOException | GeneralSecurityException e) {
      throw new ServerException(source + ": unusable key pair: " + e.getMessage(), e);
    }
  }

  /** A certificate and key from different pairs (one file replaced before the other) is refused. */
  private static void requireMatching(PrivateKey key, X509Certificate cert, String source)
      throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return;
    }
    byte[] probe = "relocator".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new ServerException(source + ": the private key does not belong to the certificate");
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
