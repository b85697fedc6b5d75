package dev.relocator.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text of certificates and private keys, in and out; {@code what} names the input in errors. */
public final class Pem {

  private Pem() {}

  /** Concatenated PEM certificates, in the order given. */
  public static String certificates(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : certificates) {
      out.append(write(c));
    }
    return out.toString();
  }

  /** A private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public static String privateKey(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null));
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new TlsException("cannot encode a " + key.getAlgorithm() + " private key: " + e.getMessage(), e);
    }
  }

  /** Every certificate in {@code pem}; anything else in the text is skipped. */
  public static List<X509Certificate> parseCertificates(String pem, String what) {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new TlsException(what + ": unreadable PEM certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new TlsException(what + ": no PEM certificate found");
    }
    return out;
  }

  /** The first unencrypted private key in {@code pem} (PKCS#8, or SEC1/PKCS#1 key pairs). */
  public static PrivateKey parsePrivateKey(String pem, String what) {
    JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PEMKeyPair pair) {
          return keys.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return keys.getPrivateKey(info);
        }
      }
    } catch (IOException e) {
      throw new TlsException(what + ": unreadable PEM private key: " + e.getMessage(), e);
    }
    throw new TlsException(what + ": no unencrypted PEM private key found");
  }

  private static String write(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    } catch (IOException e) {
      throw new TlsException("cannot write PEM: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
