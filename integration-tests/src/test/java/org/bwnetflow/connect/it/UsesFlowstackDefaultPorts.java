package org.bwnetflow.connect.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class whose stack listens on bin/flowstack's fixed ports (the shipped sources' UDP 2055 and
 * 6343, the BMP source's 11019, or all defaults): it holds {@link DefaultPortsLock} while it runs, so that no two such
 * classes run at once in failsafe's forks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DefaultPortsLock.class)
@interface UsesFlowstackDefaultPorts {
}
