// shared_night.hpp — one worker of a night shared through a store (a PostgreSQL store:
// postgres_store.hpp). Every worker reads every document, adds the night's sites to the store,
// then claims sites a few at a time (biggest first), checks their links with the ordinary
// stage (resolve_links.hpp), and marks them finished, until no site is left to claim and none
// is held by a live worker (a dead worker's sites come back when its leases expire, and are
// taken over; a worker waits at most ten leases without a claim). One worker at a time asks
// a site, so each site's pace holds across workers; the services every worker asks (the Wayback Machine, Crossref, DataCite) take their turn
// from token buckets in the store. Links of sites other workers checked are reported
// `skipped`, naming the night; a run over the same documents after the night reports every
// link from the store.
#pragma once

#include "resolvers/resolve_links.hpp"

namespace citecheck {

// settings.night names the night, settings.cache is a store that shares nights and is in a
// run (begin_run): claims are made for that run.
ResolveOutcome check_shared_night(Report& report, const ResolverOptions& options, const ResolveSettings& settings);

}  // namespace citecheck
