"""The vocabulary of the world of work, shared by organizations, profiles and matching."""

from django.db import models


class Industry(models.TextChoices):
    """Broad industries; a mentee's target and a mentor's current one are compared."""

    TECHNOLOGY = "technology", "Technology & software"
    FINANCE = "finance", "Banking & financial services"
    INSURANCE = "insurance", "Insurance"
    HEALTHCARE = "healthcare", "Healthcare"
    PHARMA = "pharma", "Pharmaceuticals & biotech"
    EDUCATION = "education", "Education"
    PUBLIC_SECTOR = "public_sector", "Government & public sector"
    NONPROFIT = "nonprofit", "Non-profit"
    RETAIL = "retail", "Retail & e-commerce"
    CONSUMER_GOODS = "consumer_goods", "Consumer goods"
    MANUFACTURING = "manufacturing", "Manufacturing"
    ENERGY = "energy", "Energy & utilities"
    TELECOM = "telecom", "Telecommunications"
    MEDIA = "media", "Media & entertainment"
    CONSULTING = "consulting", "Consulting & professional services"
    LEGAL = "legal", "Legal services"
    LOGISTICS = "logistics", "Transport & logistics"
    REAL_ESTATE = "real_estate", "Real estate & construction"
    HOSPITALITY = "hospitality", "Hospitality & travel"
    AGRICULTURE = "agriculture", "Agriculture & food"


class JobFunction(models.TextChoices):
    """What a person does, whatever the industry."""

    ENGINEERING = "engineering", "Engineering"
    DATA = "data", "Data & analytics"
    PRODUCT = "product", "Product management"
    DESIGN = "design", "Design & UX"
    MARKETING = "marketing", "Marketing"
    SALES = "sales", "Sales & business development"
    CUSTOMER_SUCCESS = "customer_success", "Customer success & support"
    FINANCE = "finance", "Finance & accounting"
    HR = "hr", "People & HR"
    OPERATIONS = "operations", "Operations & supply chain"
    LEGAL = "legal", "Legal & compliance"
    RESEARCH = "research", "Research & science"
    CLINICAL = "clinical", "Clinical & care"
    TEACHING = "teaching", "Teaching & training"
    STRATEGY = "strategy", "Strategy & consulting"
    GENERAL_MANAGEMENT = "general_management", "General management"
