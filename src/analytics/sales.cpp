// Conversion: sales rows spread over rollup buckets (see sales.h for the rules).
#include <algorithm>
#include <numeric>

#include "footfall/analytics/sales.h"

namespace footfall {

namespace {

__extension__ using Wide = __int128;  // transactions x milliseconds can pass 2^63 for long intervals

struct Totals {
  std::int64_t transactions = 0;
  double amount = 0.0;
  bool has_amount = false;
  std::int64_t transactions_with_amount = 0;
};

// Index of the first bucket that ends after t (buckets sorted by start, not overlapping).
std::size_t first_ending_after(const std::vector<RollupRow>& buckets, TimestampMs t) {
  const auto it = std::upper_bound(buckets.begin(), buckets.end(), t,
                                   [](TimestampMs v, const RollupRow& b) { return v < b.slot.end_ms; });
  return static_cast<std::size_t>(it - buckets.begin());
}

}  // namespace

std::vector<ConversionRow> conversion(const std::vector<RollupRow>& buckets, const std::vector<SaleRow>& sales) {
  std::vector<Totals> totals(buckets.size());
  auto add = [&](std::size_t i, std::int64_t transactions, const std::optional<double>& amount, double share) {
    Totals& t = totals[i];
    t.transactions += transactions;
    if (amount) {
      t.amount += *amount * share;
      t.has_amount = true;
      t.transactions_with_amount += transactions;
    }
  };

  for (const SaleRow& sale : sales) {
    std::size_t i = first_ending_after(buckets, sale.start_ms);
    if (sale.end_ms <= sale.start_ms) {
      if (i < buckets.size() && buckets[i].slot.start_ms <= sale.start_ms) add(i, sale.transactions, sale.amount, 1.0);
      continue;
    }
    // The buckets the interval overlaps, and how long it overlaps each.
    const std::int64_t duration = sale.end_ms - sale.start_ms;
    std::vector<std::pair<std::size_t, std::int64_t>> pieces;
    for (; i < buckets.size() && buckets[i].slot.start_ms < sale.end_ms; ++i) {
      const std::int64_t overlap = std::min(sale.end_ms, buckets[i].slot.end_ms) -
                                   std::max(sale.start_ms, buckets[i].slot.start_ms);
      if (overlap > 0) pieces.emplace_back(i, overlap);
    }
    if (pieces.empty()) continue;
    if (pieces.size() == 1 && pieces[0].second == duration) {
      add(pieces[0].first, sale.transactions, sale.amount, 1.0);
      continue;
    }
    // Largest remainder over the pieces plus the part outside every bucket (last, so it loses ties).
    const std::int64_t inside = std::accumulate(pieces.begin(), pieces.end(), std::int64_t{0},
                                                [](std::int64_t s, const auto& p) { return s + p.second; });
    std::vector<std::int64_t> overlaps;
    for (const auto& p : pieces) overlaps.push_back(p.second);
    overlaps.push_back(duration - inside);
    std::vector<std::int64_t> shares(overlaps.size());
    std::vector<std::int64_t> remainders(overlaps.size());
    std::int64_t assigned = 0;
    for (std::size_t k = 0; k < overlaps.size(); ++k) {
      const Wide quota = Wide{sale.transactions} * overlaps[k];
      shares[k] = static_cast<std::int64_t>(quota / duration);
      remainders[k] = static_cast<std::int64_t>(quota % duration);
      assigned += shares[k];
    }
    std::vector<std::size_t> order(overlaps.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::size_t k = 0; assigned < sale.transactions && k < order.size(); ++k, ++assigned) ++shares[order[k]];
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      add(pieces[k].first, shares[k], sale.amount,
          static_cast<double>(pieces[k].second) / static_cast<double>(duration));
    }
  }

  std::vector<ConversionRow> out(buckets.size());
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    ConversionRow& row = out[i];
    const Totals& t = totals[i];
    row.slot = buckets[i].slot;
    row.visitors = buckets[i].visitors;
    row.transactions = t.transactions;
    if (row.visitors > 0) row.conversion_rate = static_cast<double>(t.transactions) / static_cast<double>(row.visitors);
    if (t.has_amount) {
      row.amount = t.amount;
      if (t.transactions_with_amount > 0) {
        row.average_basket = t.amount / static_cast<double>(t.transactions_with_amount);
      }
    }
  }
  return out;
}

}  // namespace footfall
