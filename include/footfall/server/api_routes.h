// The REST API's data routes (/api/v1/...): stores and cameras, time series (JSON or CSV), the store report, today
// against last week, staffing, forecast, heatmap and background images, sales and roster uploads, snapshot push.
// Handlers only read the ApiContext and the ApiRequest: the HTTP layer (authentication, roles, unknown query
// parameters, body limits) sits in front of them. docs/openapi.json documents every route with its shapes.
//
// Conventions of every handler:
// - A query value that does not parse answers 400 {"error": {"code": "bad_parameter", "message": "<param>: <what is
//   wrong>"}}; an unknown store or camera (of the configuration) answers 404 "not_found" naming it.
// - Times in responses are ISO-8601: UTC as "2026-11-23T08:00:00.000Z", store-local as "2026-11-23T09:00:00+01:00".
// - Thread-safe: the handlers share only the ApiContext's objects (the Store serialises its calls; the config is
//   read-only) and build everything else per request.
#pragma once

#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/server/api_context.h"
#include "footfall/server/router.h"

namespace footfall {

// Adds the data routes to `router`. The handlers keep a copy of `context` (pointers to objects that outlive the
// router).
void register_api_routes(Router& router, const ApiContext& context);

// Every operation of an OpenAPI 3 document as "METHOD /path" (method upper case, path as written in `paths`, e.g.
// "GET /api/v1/stores/{store}/series"), sorted by path. Error when the text is not JSON or has no `paths` object.
Result<std::vector<std::string>> documented_routes(const std::string& openapi_json);

}  // namespace footfall
