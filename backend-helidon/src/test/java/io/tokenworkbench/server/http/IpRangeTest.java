package io.tokenworkbench.server.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void cidrBlocksContainTheirAddressesOnly() {
        IpRange block = IpRange.parse("10.1.0.0/16");
        assertTrue(block.contains("10.1.200.3"));
        assertFalse(block.contains("10.2.0.1"));
        assertFalse(block.contains("::1"));
        assertTrue(IpRange.parse("2001:db8::/32").contains("2001:db8::42"));
        assertTrue(IpRange.parse("127.0.0.1").contains("127.0.0.1"));
        assertFalse(IpRange.parse("127.0.0.1").contains("127.0.0.2"));
    }

    @Test
    void spellingsOfOneAddressAreNormalised() {
        assertEquals("::1", IpRange.normalize("[0:0:0:0:0:0:0:1]"));
        assertEquals("127.0.0.1", IpRange.normalize("::ffff:127.0.0.1"));
        assertEquals("fe80:0:0:0:0:0:0:1", IpRange.normalize("fe80::1%eth0"));
    }

    @Test
    void hostNamesAndGarbageAreNeverLookedUp() {
        assertFalse(IpRange.isIpLiteral("example.com"));
        assertFalse(IpRange.isIpLiteral("unknown"));
        assertFalse(IpRange.isIpLiteral("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/40"));
    }
}
