// The price table: every plan code this server sells, its slot, what it allows
// and its price. Replace it with a JSON file of the same shape named by
// OPENZOOM_PRICE_TABLE (README: Prices). Figures are list prices of the kind
// Zoom publishes, not Zoom's contract prices.
import type { PriceTable } from './catalogue.ts';

export const DEFAULT_PRICES: PriceTable = {
  currency: "USD",
  tax_rate: 0,
  payment_terms_days: 30,
  invoice_report_ready_minutes: 30,
  plans: {
    "monthly": {
      "name": "Pro Monthly",
      "slot": "base",
      "tier": "pro",
      "period_months": 1,
      "unit_price": 15.99
    },
    "yearly": {
      "name": "Pro Annual",
      "slot": "base",
      "tier": "pro",
      "period_months": 12,
      "unit_price": 159.9
    },
    "business_monthly": {
      "name": "Business Monthly",
      "slot": "base",
      "tier": "business",
      "period_months": 1,
      "unit_price": 21.99
    },
    "business_yearly": {
      "name": "Business Annual",
      "slot": "base",
      "tier": "business",
      "period_months": 12,
      "unit_price": 219.9
    },
    "enterprise_monthly": {
      "name": "Enterprise Monthly",
      "slot": "base",
      "tier": "enterprise",
      "period_months": 1,
      "unit_price": 26.99
    },
    "enterprise_yearly": {
      "name": "Enterprise Annual",
      "slot": "base",
      "tier": "enterprise",
      "period_months": 12,
      "unit_price": 269.9
    },
    "webinar500_monthly": {
      "name": "Webinars 500 Monthly",
      "slot": "webinar",
      "capacity": 500,
      "period_months": 1,
      "unit_price": 79
    },
    "webinar500_yearly": {
      "name": "Webinars 500 Annual",
      "slot": "webinar",
      "capacity": 500,
      "period_months": 12,
      "unit_price": 690
    },
    "webinar1000_monthly": {
      "name": "Webinars 1,000 Monthly",
      "slot": "webinar",
      "capacity": 1000,
      "period_months": 1,
      "unit_price": 340
    },
    "webinar1000_yearly": {
      "name": "Webinars 1,000 Annual",
      "slot": "webinar",
      "capacity": 1000,
      "period_months": 12,
      "unit_price": 3400
    },
    "webinar3000_monthly": {
      "name": "Webinars 3,000 Monthly",
      "slot": "webinar",
      "capacity": 3000,
      "period_months": 1,
      "unit_price": 990
    },
    "webinar5000_monthly": {
      "name": "Webinars 5,000 Monthly",
      "slot": "webinar",
      "capacity": 5000,
      "period_months": 1,
      "unit_price": 2490
    },
    "webinar10000_monthly": {
      "name": "Webinars 10,000 Monthly",
      "slot": "webinar",
      "capacity": 10000,
      "period_months": 1,
      "unit_price": 6490
    },
    "large500_monthly": {
      "name": "Large Meetings 500 Monthly",
      "slot": "large_meeting",
      "capacity": 500,
      "period_months": 1,
      "unit_price": 50
    },
    "large1000_monthly": {
      "name": "Large Meetings 1,000 Monthly",
      "slot": "large_meeting",
      "capacity": 1000,
      "period_months": 1,
      "unit_price": 90
    },
    "cmr_monthly_commitment_40": {
      "name": "Cloud Recording 30 GB Monthly",
      "slot": "recording",
      "storage_gb": 30,
      "period_months": 1,
      "unit_price": 40
    },
    "cmr_monthly_commitment_100": {
      "name": "Cloud Recording 100 GB Monthly",
      "slot": "recording",
      "storage_gb": 100,
      "period_months": 1,
      "unit_price": 100
    },
    "cmr_monthly_commitment_200": {
      "name": "Cloud Recording 1 TB Monthly",
      "slot": "recording",
      "storage_gb": 1000,
      "period_months": 1,
      "unit_price": 200
    },
    "zroom_monthly": {
      "name": "Zoom Rooms Monthly",
      "slot": "zoom_rooms",
      "period_months": 1,
      "unit_price": 49
    },
    "zroom_yearly": {
      "name": "Zoom Rooms Annual",
      "slot": "zoom_rooms",
      "period_months": 12,
      "unit_price": 499
    },
    "roomconnector_monthly": {
      "name": "Cloud Room Connector Monthly",
      "slot": "room_connector",
      "period_months": 1,
      "unit_price": 49
    },
    "phone_metered_monthly": {
      "name": "Zoom Phone Metered Monthly",
      "slot": "phone",
      "period_months": 1,
      "unit_price": 10
    },
    "phone_unlimited_monthly": {
      "name": "Zoom Phone Unlimited Monthly",
      "slot": "phone",
      "period_months": 1,
      "unit_price": 15
    },
    "audio_monthly": {
      "name": "Audio Conferencing Monthly",
      "slot": "audio",
      "period_months": 1,
      "unit_price": 100
    },
    "whiteboard_monthly": {
      "name": "Zoom Whiteboard Monthly",
      "slot": "whiteboard",
      "period_months": 1,
      "unit_price": 2.49
    }
  }
};
