package org.bwnetflow.connect.bmp.source.rib;

/** Told when the RIB starts or stops keeping a router, so that its per-router metrics come and go with it. */
public interface RouterWatch {

    void added(RouterRib router);

    void removed(RouterRib router);

    RouterWatch NONE = new RouterWatch() {
        @Override
        public void added(RouterRib router) {
        }

        @Override
        public void removed(RouterRib router) {
        }
    };
}
