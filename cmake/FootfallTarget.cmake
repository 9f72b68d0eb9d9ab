# Target-based compile settings shared by every footfall target (never global CMAKE_CXX_FLAGS).
add_library(footfall_options INTERFACE)
target_compile_features(footfall_options INTERFACE cxx_std_20)
target_compile_options(footfall_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(FOOTFALL_SANITIZE)
  target_compile_options(footfall_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(footfall_options INTERFACE -fsanitize=address,undefined)
endif()

# footfall_add_module(NAME SOURCES... DEPS ...): one static library per module, public headers in include/.
function(footfall_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  if(NOT ARG_SOURCES)
    # A module whose sources are not written yet: header-only until then.
    add_library(footfall_${name} INTERFACE)
    target_include_directories(footfall_${name} INTERFACE ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(footfall_${name} INTERFACE ${ARG_DEPS})
    add_library(footfall::${name} ALIAS footfall_${name})
    return()
  endif()
  add_library(footfall_${name} STATIC ${ARG_SOURCES})
  target_include_directories(footfall_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(footfall_${name} PUBLIC ${ARG_DEPS} PRIVATE footfall_options ${ARG_PRIVATE_DEPS})
  footfall_precompile(footfall_${name})
  add_library(footfall::${name} ALIAS footfall_${name})
endfunction()

# Precompiled standard headers (and OpenCV's core where a target uses OpenCV): the build runs on 2 cores in CI, and
# these headers are most of every translation unit's compile time.
option(FOOTFALL_PCH "Precompile common headers" ON)
# footfall_precompile(TARGET [GTEST]): GTEST adds GoogleTest/GoogleMock headers (test executables).
function(footfall_precompile target)
  if(NOT FOOTFALL_PCH)
    return()
  endif()
  cmake_parse_arguments(ARG "GTEST" "" "" ${ARGN})
  target_precompile_headers(${target} PRIVATE
    <algorithm> <atomic> <chrono> <cstdint> <filesystem> <functional> <map> <memory> <mutex> <optional> <string>
    <thread> <variant> <vector>)
  get_target_property(libs ${target} LINK_LIBRARIES)
  if(libs MATCHES "opencv_core|footfall::(ingest|detect|app|cli)")
    target_precompile_headers(${target} PRIVATE <opencv2/core.hpp>)
  endif()
  if(ARG_GTEST)
    target_precompile_headers(${target} PRIVATE <gtest/gtest.h> <gmock/gmock.h>)
  endif()
endfunction()
