package dev.relocator.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The subject alternative names of the serving certificate: the Service's two cluster DNS names
 * (the API server calls {@code SERVICE.NAMESPACE.svc}), plus any names and IP addresses given.
 *
 * @param dnsNames DNS names, in order, without duplicates
 * @param ipAddresses IP addresses in canonical text form, in order, without duplicates
 */
public record ServingNames(List<String> dnsNames, List<String> ipAddresses) {

  public ServingNames {
    dnsNames = List.copyOf(new LinkedHashSet<>(dnsNames));
    ipAddresses = List.copyOf(new LinkedHashSet<>(ipAddresses));
    if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
      throw new IllegalArgumentException("the serving certificate needs at least one DNS name or IP address");
    }
  }

  /**
   * The names for {@code service} ({@code NAME.NAMESPACE}, or null for none) and the extra names
   * and IP addresses; an IP address that does not parse is refused with the input quoted.
   */
  public static ServingNames of(String service, List<String> dnsNames, List<String> ipAddresses) {
    List<String> dns = new ArrayList<>();
    if (service != null) {
      String[] parts = service.split("\\.", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException("service \"" + service + "\": expected NAME.NAMESPACE");
      }
      dns.add(service + ".svc");
      dns.add(service + ".svc.cluster.local");
    }
    dns.addAll(dnsNames);
    List<String> ips = new ArrayList<>();
    for (String ip : ipAddresses) {
      ips.add(canonicalIp(ip));
    }
    return new ServingNames(dns, ips);
  }

  /** IP literals only: {@link InetAddress#getByName} would resolve a host name instead. */
  static String canonicalIp(String ip) {
    Objects.requireNonNull(ip, "ip");
    boolean literal = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") || ip.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    if (!literal || ip.isEmpty()) {
      throw new IllegalArgumentException("IP address \"" + ip + "\": not an IPv4 or IPv6 literal");
    }
    try {
      return InetAddress.getByName(ip).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("IP address \"" + ip + "\": not an IPv4 or IPv6 literal", e);
    }
  }
}
