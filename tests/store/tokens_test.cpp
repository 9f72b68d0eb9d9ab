// API tokens (schema v4) on both backends (store_backend.h): names are unique, hashes are unique, the role is checked, nothing but the hash
// is kept, and a token can be found by its hash, touched and deleted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

using Tokens = BackendTest;

ApiTokenRow token(const std::string& name, const std::string& role, char fill) {
  return ApiTokenRow{name, role, std::string(64, fill), 1'000, std::nullopt};
}

TEST_P(Tokens, AddFindTouchListAndDelete) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_EQ(*store->count_tokens(), 0);
  ASSERT_TRUE(store->add_token(token("kiosk", "viewer", 'a')));
  ASSERT_TRUE(store->add_token(token("camera-7", "operator", 'b')));
  EXPECT_EQ(*store->count_tokens(), 2);

  auto found = store->find_token_by_hash(std::string(64, 'b'));
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "camera-7");
  EXPECT_EQ((*found)->role, "operator");
  EXPECT_FALSE((*found)->last_used_ms.has_value());
  EXPECT_FALSE(store->find_token_by_hash(std::string(64, 'c'))->has_value());

  ASSERT_TRUE(store->touch_token("camera-7", 5'000));
  auto rows = store->read_tokens();
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].name, "camera-7") << "ordered by name";
  EXPECT_EQ((*rows)[0].last_used_ms, 5'000);
  EXPECT_EQ((*rows)[1].name, "kiosk");
  EXPECT_EQ((*rows)[1].created_ms, 1'000);

  EXPECT_TRUE(*store->delete_token("kiosk"));
  EXPECT_FALSE(*store->delete_token("kiosk")) << "already gone";
  EXPECT_EQ(*store->count_tokens(), 1);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM api_tokens WHERE name = 'kiosk'"), 0);
}

TEST_P(Tokens, DuplicateNamesAndHashesAndBadRolesAreRefused) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->add_token(token("kiosk", "viewer", 'a')));
  const Status again = store->add_token(token("kiosk", "admin", 'd'));
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message, HasSubstr("an API token named 'kiosk' already exists"));
  const Status same_hash = store->add_token(token("other", "admin", 'a'));
  ASSERT_FALSE(same_hash);
  EXPECT_THAT(same_hash.error().message, HasSubstr("already stored as 'kiosk'"));
  EXPECT_FALSE(store->add_token(token("root", "superuser", 'e'))) << "role outside viewer, operator, admin";
  EXPECT_EQ(*store->count_tokens(), 1);
  EXPECT_EQ(sql_text("SELECT role FROM api_tokens WHERE name = 'kiosk'"), "viewer");
}

FOOTFALL_ON_EVERY_BACKEND(Tokens);

}  // namespace
}  // namespace footfall::test
