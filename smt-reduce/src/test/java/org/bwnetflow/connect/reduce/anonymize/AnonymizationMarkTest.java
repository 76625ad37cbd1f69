package org.bwnetflow.connect.reduce.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The tag is what the class comment promises, computed here independently, for random field values (seed printed). */
class AnonymizationMarkTest {

    @Test
    void theTagIsTheTruncatedHmacOfTheLengthPrefixedValuesInBase64url() throws Exception {
        long seed = 20_261_207L;
        System.out.println("AnonymizationMarkTest seed " + seed);
        Random random = new Random(seed);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        AnonymizationMark mark = new AnonymizationMark(secret.clone());
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(secret, "HmacSHA256"));
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(derive.doFinal("bwnetflow-connect anonymization mark v1"
                .getBytes(StandardCharsets.US_ASCII)), "HmacSHA256"));
        for (int round = 0; round < 1000; round++) {
            mark.begin();
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            int fields = 1 + random.nextInt(4);
            for (int field = 0; field < fields; field++) {
                int length = new int[] {0, 4, 16}[random.nextInt(3)];
                byte[] value = new byte[length];
                random.nextBytes(value);
                mark.add(length == 0 && random.nextBoolean() ? null : value);
                input.write(length);
                input.write(value);
            }
            byte[] tag = Arrays.copyOf(reference.doFinal(input.toByteArray()), 16);
            assertThat(mark.finish()).isEqualTo("cryptopan-v1:" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(tag));
        }
    }
}
