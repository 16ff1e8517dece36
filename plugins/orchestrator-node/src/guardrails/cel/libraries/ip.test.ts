import { evaluate } from './testing';

describe('ip (Kubernetes IP library)', () => {
  it.each([
    // Examples from the Kubernetes IP library documentation.
    [`type(ip('127.0.0.1')) == net.IP`],
    [`isIP('127.0.0.1')`],
    [`isIP('::1')`],
    [`!isIP('127.0.0.256')`],
    [`!isIP(':::1')`],
    [`ip.isCanonical('127.0.0.1')`],
    [`ip.isCanonical('2001:db8::abcd')`],
    [`!ip.isCanonical('2001:DB8::ABCD')`],
    [`!ip.isCanonical('2001:db8::0:0:0:abcd')`],
    [`ip('127.0.0.1').family() == 4`],
    [`ip('::1').family() == 6`],
    [`ip('0.0.0.0').isUnspecified()`],
    [`!ip('127.0.0.1').isUnspecified()`],
    [`ip('::').isUnspecified()`],
    [`!ip('::1').isUnspecified()`],
    [`ip('127.0.0.1').isLoopback()`],
    [`!ip('192.168.0.1').isLoopback()`],
    [`ip('::1').isLoopback()`],
    [`!ip('2001:db8::abcd').isLoopback()`],
    [`ip('224.0.0.1').isLinkLocalMulticast()`],
    [`!ip('224.0.1.1').isLinkLocalMulticast()`],
    [`ip('ff02::1').isLinkLocalMulticast()`],
    [`!ip('fd00::1').isLinkLocalMulticast()`],
    [`ip('169.254.169.254').isLinkLocalUnicast()`],
    [`!ip('192.168.0.1').isLinkLocalUnicast()`],
    [`ip('fe80::1').isLinkLocalUnicast()`],
    [`!ip('fd80::1').isLinkLocalUnicast()`],
    [`ip('192.168.0.1').isGlobalUnicast()`],
    [`!ip('255.255.255.255').isGlobalUnicast()`],
    [`ip('2001:db8::abcd').isGlobalUnicast()`],
    [`!ip('ff00::1').isGlobalUnicast()`],
    [`string(ip('2001:DB8::0:0:0:ABCD')) == '2001:db8::abcd'`],
    [`string(ip('1:0:0:1:0:0:0:1')) == '1:0:0:1::1'`],
    [`string(ip('::ffff:0:0:1')) == '::ffff:0:0:1'`],
    [`ip('::1') == ip('0:0:0:0:0:0:0:1')`],
    [`ip('10.0.0.1') != ip('10.0.0.2')`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `ip('127.0.0.256')`,
      'IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255',
    ],
    [`ip(':::1')`, 'ParseAddr(":::1")'],
    [`ip('01.2.3.4')`, 'IPv4 field has octet with leading zero'],
    [`ip('1.2.3')`, 'IPv4 address too short'],
    [
      `ip('::ffff:1.2.3.4')`,
      'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed',
    ],
    [
      `ip('fe80::1%eth0')`,
      'IP address "fe80::1%eth0" with zone value is not allowed',
    ],
    [`ip('localhost')`, 'ParseAddr("localhost"): unable to parse IP'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});

describe('cidr (Kubernetes CIDR library)', () => {
  it.each([
    // Examples from the Kubernetes CIDR library documentation and tests.
    [`type(cidr('192.168.0.0/16')) == net.CIDR`],
    [`isCIDR('192.168.0.0/16')`],
    [`isCIDR('::1/128')`],
    [`!isCIDR('192.168.0.0/33')`],
    [`!isCIDR('::1/129')`],
    [`cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))`],
    [`!cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))`],
    [`cidr('192.168.0.0/24').containsIP('192.168.0.1')`],
    [`!cidr('192.168.0.0/24').containsIP('192.168.1.1')`],
    [`cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))`],
    [`!cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))`],
    [`cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')`],
    [`!cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')`],
    [`cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25'))`],
    [`!cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))`],
    [`cidr('2001:db8::/32').containsIP(ip('2001:db8::1'))`],
    [`!cidr('2001:db8::/32').containsIP('2001:dc8::1')`],
    [`cidr('2001:db8::/32').containsCIDR('2001:db8::/33')`],
    [`cidr('192.168.0.1/24').ip() == ip('192.168.0.1')`],
    [`cidr('192.168.0.1/24').ip().family() == 4`],
    [`cidr('::1/128').ip() == ip('::1')`],
    [`cidr('::1/128').ip().family() == 6`],
    [`cidr('192.168.0.0/24').masked() == cidr('192.168.0.0/24')`],
    [`cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')`],
    [`cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()`],
    [`cidr('192.168.0.1/24') != cidr('192.168.0.1/24').masked()`],
    [`cidr('2001:db8:1::/32').masked() == cidr('2001:db8::/32')`],
    [`cidr('192.168.0.0/16').prefixLength() == 16`],
    [`cidr('::1/128').prefixLength() == 128`],
    [`string(cidr('192.168.0.0/24')) == '192.168.0.0/24'`],
    // An IPv4 address is never inside an IPv6 prefix and the other way around.
    [
      `!cidr('0.0.0.0/0').containsIP('::1') && !cidr('::/0').containsIP('1.2.3.4')`,
    ],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `cidr('192.168.0.0/')`,
      'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""',
    ],
    [`cidr('192.168.0.0/33')`, 'prefix length out of range'],
    [`cidr('192.168.0.0/024')`, 'bad bits after slash: "024"'],
    [`cidr('192.168.0.0')`, `no '/'`],
    [
      `cidr('::ffff:1.2.3.4/120')`,
      'IPv4-mapped IPv6 address "::ffff:1.2.3.4/120" is not allowed',
    ],
    [`cidr('10.0.0.0/8').containsIP('10.0.0')`, 'IPv4 address too short'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
