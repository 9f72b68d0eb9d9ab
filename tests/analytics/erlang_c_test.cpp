#include "footfall/analytics/erlang_c.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace footfall {
namespace {

// Expected values below were computed independently of this code, with the direct factorial formula
// C = (A^N/N! * N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! * N/(N-A)) in exact rational arithmetic (Python Fraction),
// SL = 1 - C exp(-(N-A) T/S) and wait = C S / (N-A).

TEST(ErlangC, IssueExample100Per30MinutesNeeds14ServersFor80PercentWithin20s) {
  // 100 arrivals per 30 minutes = 200 per hour, 180 s service: A = 10 erlangs.
  Result<ErlangC> best = erlang_c_min_servers(200, 180, 0.8, 20);
  ASSERT_TRUE(best.ok()) << best.error().message;
  EXPECT_EQ(best->servers, 14);
  EXPECT_NEAR(best->offered_load_erlangs, 10.0, 1e-12);
  EXPECT_NEAR(best->service_level, 0.888350, 5e-4);
  EXPECT_NEAR(best->probability_of_waiting, 0.174132, 5e-4);
  EXPECT_NEAR(best->average_wait_seconds, 7.835937, 5e-4);
  EXPECT_NEAR(best->utilization, 10.0 / 14.0, 1e-12);

  Result<ErlangC> thirteen = erlang_c(200, 180, 13, 20);
  ASSERT_TRUE(thirteen.ok()) << thirteen.error().message;
  EXPECT_NEAR(thirteen->service_level, 0.796, 5e-4);  // 0.795595: "about 79.6%", short of the 80% target
  EXPECT_LT(thirteen->service_level, 0.8);
  EXPECT_NEAR(thirteen->probability_of_waiting, 0.285270, 5e-4);
  EXPECT_NEAR(thirteen->average_wait_seconds, 17.116227, 5e-4);
}

TEST(ErlangC, TextbookTenErlangsOnElevenServers) {
  // A = 10 (e.g. 360 arrivals per hour at 100 s), N = 11: C = 0.682118, mean wait = C * S / (N - A).
  Result<ErlangC> q = erlang_c(360, 100, 11, 0);
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_NEAR(q->probability_of_waiting, 0.682118, 5e-4);
  EXPECT_NEAR(q->average_wait_seconds, 0.682118 * 100, 5e-2);
  // Within 0 s, the service level is the share that does not wait at all.
  EXPECT_NEAR(q->service_level, 1.0 - q->probability_of_waiting, 1e-12);
}

TEST(ErlangC, MoreServersNeverServeWorse) {
  double previous_sl = -1.0;
  double previous_wait = std::numeric_limits<double>::infinity();
  for (int n = 11; n <= 40; ++n) {
    Result<ErlangC> q = erlang_c(200, 180, n, 20);
    ASSERT_TRUE(q.ok());
    EXPECT_GT(q->service_level, previous_sl) << n;
    EXPECT_LT(q->average_wait_seconds, previous_wait) << n;
    previous_sl = q->service_level;
    previous_wait = q->average_wait_seconds;
  }
  EXPECT_GT(previous_sl, 0.999999);
}

void expect_large_traffic(double arrivals, double within, int expected_servers, double expected_sl,
                          double expected_sl_one_fewer) {
  SCOPED_TRACE(std::to_string(arrivals) + " arrivals per hour");
  Result<ErlangC> best = erlang_c_min_servers(arrivals, 180, 0.8, within);
  ASSERT_TRUE(best.ok()) << best.error().message;
  EXPECT_EQ(best->servers, expected_servers);
  EXPECT_TRUE(std::isfinite(best->probability_of_waiting));
  EXPECT_TRUE(std::isfinite(best->average_wait_seconds));
  EXPECT_NEAR(best->service_level, expected_sl, 5e-4);
  EXPECT_GE(best->service_level, 0.8);

  Result<ErlangC> one_fewer = erlang_c(arrivals, 180, expected_servers - 1, within);
  ASSERT_TRUE(one_fewer.ok()) << one_fewer.error().message;
  EXPECT_TRUE(std::isfinite(one_fewer->service_level));
  EXPECT_NEAR(one_fewer->service_level, expected_sl_one_fewer, 5e-4);
  EXPECT_LT(one_fewer->service_level, 0.8);
}

TEST(ErlangC, FiveThousandArrivalsPerHourStayFinite) {
  // A = 250 erlangs: A^N / N! alone would overflow a double.
  expect_large_traffic(5000, 20, 259, 0.829980, 0.791457);
  expect_large_traffic(5000, 120, 253, 0.893682, 0.775198);
}

TEST(ErlangC, FiftyThousandArrivalsPerHourStayFinite) {
  expect_large_traffic(50000, 20, 2512, 0.806998, 0.778423);
  expect_large_traffic(50000, 120, 2503, 0.874515, 0.749310);
}

TEST(ErlangC, OverloadedQueueWaitsForever) {
  // 10 erlangs on 10 servers (and on 0): the queue grows without bound.
  for (int servers : {0, 5, 10}) {
    Result<ErlangC> q = erlang_c(200, 180, servers, 20);
    ASSERT_TRUE(q.ok()) << q.error().message;
    EXPECT_EQ(q->probability_of_waiting, 1.0);
    EXPECT_EQ(q->service_level, 0.0);
    EXPECT_EQ(q->average_wait_seconds, std::numeric_limits<double>::infinity());
    EXPECT_EQ(q->utilization, 1.0);  // clamped
    EXPECT_NEAR(q->offered_load_erlangs, 10.0, 1e-12);
  }
}

TEST(ErlangC, NoArrivalsNeedNoServers) {
  Result<ErlangC> best = erlang_c_min_servers(0, 180, 0.8, 20);
  ASSERT_TRUE(best.ok()) << best.error().message;
  EXPECT_EQ(best->servers, 0);
  EXPECT_EQ(best->service_level, 1.0);
  EXPECT_EQ(best->probability_of_waiting, 0.0);
  EXPECT_EQ(best->average_wait_seconds, 0.0);

  Result<ErlangC> one = erlang_c(0, 180, 1, 20);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->service_level, 1.0);
  EXPECT_EQ(one->utilization, 0.0);
}

TEST(ErlangC, TinyTrafficNeedsOneServer) {
  // 1 arrival per hour at 60 s: A = 1/60; one server serves 80% within 20 s.
  Result<ErlangC> best = erlang_c_min_servers(1, 60, 0.8, 20);
  ASSERT_TRUE(best.ok());
  EXPECT_EQ(best->servers, 1);
  EXPECT_NEAR(best->probability_of_waiting, 1.0 / 60.0, 1e-12);  // C = A for one server
}

std::string error_of(const Result<ErlangC>& r) { return r.ok() ? std::string("(no error)") : r.error().message; }

TEST(ErlangC, BadInputsNameTheParameter) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(error_of(erlang_c(200, -3, 13, 20)), "service_seconds must be > 0, got -3");
  EXPECT_EQ(error_of(erlang_c(200, 0, 13, 20)), "service_seconds must be > 0, got 0");
  EXPECT_EQ(error_of(erlang_c(-1, 180, 13, 20)), "arrivals_per_hour must be a finite number >= 0, got -1");
  EXPECT_EQ(error_of(erlang_c(nan, 180, 13, 20)), "arrivals_per_hour must be a finite number >= 0, got nan");
  EXPECT_EQ(error_of(erlang_c(200, 180, -1, 20)), "servers must be >= 0, got -1");
  EXPECT_EQ(error_of(erlang_c(200, 180, 13, -5)), "within_seconds must be a finite number >= 0, got -5");
  EXPECT_EQ(error_of(erlang_c_min_servers(200, 180, 1.0, 20)),
            "target_fraction must be strictly between 0 and 1, got 1");
  EXPECT_EQ(error_of(erlang_c_min_servers(200, 180, 0.0, 20)),
            "target_fraction must be strictly between 0 and 1, got 0");
  EXPECT_NE(error_of(erlang_c_min_servers(200, 180, nan, 20)).find("target_fraction"), std::string::npos);
  EXPECT_NE(error_of(erlang_c_min_servers(200, nan, 0.8, 20)).find("service_seconds"), std::string::npos);
  EXPECT_EQ(error_of(erlang_c_min_servers(200, 180, 0.8, 20, 0)), "max_servers must be >= 1, got 0");
}

TEST(ErlangC, UnreachableTargetIsAnError) {
  // 14 servers are needed; allowing 13 cannot meet the target, and 10 erlangs cannot be served by 10.
  for (int cap : {13, 10}) {
    Result<ErlangC> r = erlang_c_min_servers(200, 180, 0.8, 20, cap);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("max_servers " + std::to_string(cap)), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(erlang_c_min_servers(200, 180, 0.8, 20, 14)->servers, 14);
}

}  // namespace
}  // namespace footfall
