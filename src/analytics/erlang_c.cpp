#include "footfall/analytics/erlang_c.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace footfall {
namespace {

Error parameter_error(const char* name, const char* rule, double value) {
  std::ostringstream out;
  out << name << " must be " << rule << ", got " << value;
  return make_error(out.str());
}

Status check_common(double arrivals_per_hour, double service_seconds, double within_seconds) {
  if (!std::isfinite(arrivals_per_hour) || arrivals_per_hour < 0.0) {
    return parameter_error("arrivals_per_hour", "a finite number >= 0", arrivals_per_hour);
  }
  if (!std::isfinite(service_seconds) || service_seconds <= 0.0) {
    return parameter_error("service_seconds", "> 0", service_seconds);
  }
  if (!std::isfinite(within_seconds) || within_seconds < 0.0) {
    return parameter_error("within_seconds", "a finite number >= 0", within_seconds);
  }
  return Status::success();
}

double offered_load(double arrivals_per_hour, double service_seconds) {
  return arrivals_per_hour * service_seconds / 3600.0;
}

// One step of the Erlang B recurrence: B(n) from B(n-1). Stays in [0, 1] for any load.
double erlang_b_step(double load, int n, double previous) {
  const double a_b = load * previous;
  return a_b / (static_cast<double>(n) + a_b);
}

ErlangC no_traffic(int servers) {
  ErlangC out;
  out.servers = servers;
  return out;  // defaults: nobody waits, service level 1
}

ErlangC overloaded(int servers, double load) {
  ErlangC out;
  out.servers = servers;
  out.offered_load_erlangs = load;
  out.utilization = 1.0;
  out.probability_of_waiting = 1.0;
  out.service_level = 0.0;
  out.average_wait_seconds = std::numeric_limits<double>::infinity();
  return out;
}

// Figures for N > A > 0 servers given Erlang B of N.
ErlangC stable_queue(int servers, double load, double erlang_b, double service_seconds, double within_seconds) {
  const double n = static_cast<double>(servers);
  const double c = n * erlang_b / (n - load * (1.0 - erlang_b));
  ErlangC out;
  out.servers = servers;
  out.offered_load_erlangs = load;
  out.utilization = load / n;
  out.probability_of_waiting = c;
  out.service_level = 1.0 - c * std::exp(-(n - load) * within_seconds / service_seconds);
  out.average_wait_seconds = c * service_seconds / (n - load);
  return out;
}

}  // namespace

Result<ErlangC> erlang_c(double arrivals_per_hour, double service_seconds, int servers, double within_seconds) {
  if (Status s = check_common(arrivals_per_hour, service_seconds, within_seconds); !s) return s.error();
  if (servers < 0) return parameter_error("servers", ">= 0", servers);

  const double load = offered_load(arrivals_per_hour, service_seconds);
  if (load == 0.0) return no_traffic(servers);
  if (static_cast<double>(servers) <= load) return overloaded(servers, load);

  double b = 1.0;
  for (int n = 1; n <= servers; ++n) {
    b = erlang_b_step(load, n, b);
    if (b == 0.0) break;  // underflow: stays 0 for every larger n
  }
  return stable_queue(servers, load, b, service_seconds, within_seconds);
}

Result<ErlangC> erlang_c_min_servers(double arrivals_per_hour, double service_seconds, double target_fraction,
                                     double within_seconds, int max_servers) {
  if (Status s = check_common(arrivals_per_hour, service_seconds, within_seconds); !s) return s.error();
  if (!std::isfinite(target_fraction) || target_fraction <= 0.0 || target_fraction >= 1.0) {
    return parameter_error("target_fraction", "strictly between 0 and 1", target_fraction);
  }
  if (max_servers < 1) return parameter_error("max_servers", ">= 1", max_servers);

  const double load = offered_load(arrivals_per_hour, service_seconds);
  if (load == 0.0) return no_traffic(0);

  auto not_reachable = [&] {
    std::ostringstream out;
    out << "no server count up to max_servers " << max_servers << " serves " << target_fraction
        << " of customers within " << within_seconds << " s (offered load " << load << " erlangs)";
    return make_error(out.str());
  };
  if (load >= static_cast<double>(max_servers)) return not_reachable();

  // The queue is stable only above A servers; the service level grows with N from there, so walk N upwards while
  // carrying the Erlang B recurrence along.
  const int first = static_cast<int>(std::floor(load)) + 1;
  double b = 1.0;
  for (int n = 1; n < first; ++n) b = erlang_b_step(load, n, b);
  for (int n = first; n <= max_servers; ++n) {
    b = erlang_b_step(load, n, b);
    ErlangC candidate = stable_queue(n, load, b, service_seconds, within_seconds);
    if (candidate.service_level >= target_fraction) return candidate;
  }
  return not_reachable();
}

}  // namespace footfall
