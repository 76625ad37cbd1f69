package org.bwnetflow.connect.netflow.source.offsets;

import java.util.List;
import org.bwnetflow.connect.netflow.decode.SavedTemplate;

/**
 * Which partitions of a domain were found in the offsets when it was restored: all of them must
 * be deleted when the domain goes, including those too old or too damaged to restore.
 *
 * @param templateIds        the template partitions the domain offset listed
 * @param restoredTemplates  the templates read back (not expired)
 * @param buckets            the interface partitions the domain offset listed
 * @param stale              saved longer ago than the idle expiry: nothing was restored, all is deleted
 */
public record RestoredIndex(List<Integer> templateIds, List<SavedTemplate> restoredTemplates, List<Integer> buckets,
        boolean stale) {

    public static final RestoredIndex NONE = new RestoredIndex(List.of(), List.of(), List.of(), false);
}
