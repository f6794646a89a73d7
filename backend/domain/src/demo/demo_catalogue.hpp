#pragma once

#include <array>
#include <string_view>

namespace pedalpower::domain::demo_catalogue {

struct demo_site {
  std::string_view code;
  std::string_view name;
  std::string_view address;
  int bikes;
  int staff_weight;  ///< share of the workforce based there
};

inline constexpr std::array<demo_site, 3> sites{{
    {"BAS", "Basildon University Hospital", "Nethermayne, Basildon SS16 5NL", 24, 40},
    {"SOU", "Southend University Hospital", "Prittlewell Chase, Westcliff-on-Sea SS0 0RY", 18, 32},
    {"BRO", "Broomfield Hospital", "Court Road, Broomfield, Chelmsford CM1 7ET", 18, 28},
}};

struct demo_bike_model {
  std::string_view make;
  std::string_view model;
  std::string_view frame_prefix;
  int weight;
};

inline constexpr std::array<demo_bike_model, 6> bike_models{{
    {"Raleigh", "Motus Grand Tour", "RM", 14},
    {"Raleigh", "Array Low Step", "RA", 10},
    {"Volt", "Pulse", "VP", 12},
    {"Volt", "Metro LS", "VM", 8},
    {"Gazelle", "Medeo T9", "GZ", 10},
    {"Tern", "Quick Haul P9", "TN", 6},
}};

/// Headcount per pay band for 500 staff, in pay_bands order: a hospital workforce is heaviest in
/// bands 2-6 (healthcare assistants, admin, nurses, therapists) and thin at the top; "other" is
/// mostly doctors and dentists.
inline constexpr std::array<int, 13> staff_per_band{2, 95, 65, 45, 90, 80, 50, 20, 8, 4, 2, 1, 38};

inline constexpr std::array<std::string_view, 10> support_departments{
    "Portering", "Domestic Services", "Catering", "Estates", "Medical Records",
    "Outpatients", "Pathology", "Patient Transport", "Ward 12 (Acute Medicine)", "Ward 4 (Elderly Care)"};
inline constexpr std::array<std::string_view, 11> clinical_departments{
    "Emergency Department", "Maternity", "Theatres", "Critical Care", "Acute Medicine", "Radiology",
    "Physiotherapy", "Pharmacy", "Paediatrics", "Oncology", "Cardiology"};
inline constexpr std::array<std::string_view, 6> management_departments{
    "Finance", "Nursing Directorate", "Operations", "Digital Services", "People and Culture", "Estates"};
inline constexpr std::array<std::string_view, 6> medical_departments{
    "Emergency Medicine", "General Surgery", "Anaesthetics", "Obstetrics and Gynaecology", "General Medicine",
    "Oral Surgery"};

inline constexpr std::array<std::string_view, 40> first_names{
    "Amelia", "Oliver", "Priya", "Kwame", "Sophie", "Mohammed", "Grace", "Tomasz", "Chloe", "Daniel",
    "Aisha", "James", "Olivia", "Chinedu", "Emily", "Rahul", "Jessica", "Liam", "Fatima", "Jack",
    "Hannah", "Adebayo", "Megan", "Arjun", "Lucy", "Marek", "Zara", "Ryan", "Charlotte", "Sanjay",
    "Ellie", "George", "Precious", "Harry", "Anjali", "Connor", "Maria", "Samuel", "Joanne", "Nkechi"};
inline constexpr std::array<std::string_view, 40> last_names{
    "Smith", "Patel", "Jones", "Okafor", "Williams", "Khan", "Brown", "Nowak", "Taylor", "Begum",
    "Davies", "Mensah", "Evans", "Singh", "Wilson", "Adeyemi", "Thomas", "Kowalski", "Roberts", "Ahmed",
    "Johnson", "Osei", "Walker", "Sharma", "Wright", "Hussain", "Robinson", "Baker", "Thompson", "Ali",
    "White", "Mistry", "Hughes", "Green", "Edwards", "Chowdhury", "Hall", "Reyes", "Clarke", "Lewis"};

struct demo_commute {
  std::string_view mode;  ///< empty: not recorded
  int weight;
  int shortest_km_tenths;
  int longest_km_tenths;
};

inline constexpr std::array<demo_commute, 10> commutes{{
    {"car_petrol", 34, 30, 300},
    {"car_diesel", 14, 30, 300},
    {"car_hybrid", 8, 30, 250},
    {"car_electric", 4, 30, 250},
    {"bus", 12, 20, 200},
    {"rail", 6, 80, 450},
    {"walk", 9, 5, 30},
    {"cycle", 5, 20, 120},
    {"none", 2, 0, 0},
    {"", 6, 0, 0},
}};

struct demo_fault {
  std::string_view category;
  std::string_view note;
};

inline constexpr std::array<demo_fault, 4> workshop_faults{{
    {"brakes", "Rear brake rubbing and pads worn; found at return check"},
    {"battery", "Battery will not hold charge past 10 km"},
    {"tyre", "Puncture, front tyre; tube and tyre to replace"},
    {"gears", "Hub gears slipping in 3rd"},
}};

}  // namespace pedalpower::domain::demo_catalogue
